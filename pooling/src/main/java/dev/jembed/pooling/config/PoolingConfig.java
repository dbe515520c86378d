package dev.jembed.pooling.config;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code Pooling} module's configuration ({@code 1_Pooling/config.json}).
 *
 * @param dimension     {@code word_embedding_dimension}: the hidden size of the token embeddings
 * @param modes         the enabled strategies; their outputs are concatenated in {@link PoolingMode} order
 * @param includePrompt false to leave the prompt's tokens out of the pooling (INSTRUCTOR-style models)
 */
public record PoolingConfig(int dimension, Set<PoolingMode> modes, boolean includePrompt) implements ModuleSpec {

    public PoolingConfig {
        if (dimension <= 0) throw new IllegalArgumentException("dimension must be positive: " + dimension);
        if (modes.isEmpty()) throw new IllegalArgumentException("at least one pooling mode is needed");
        modes = Set.copyOf(EnumSet.copyOf(modes));
    }

    /** One mode, prompt included. */
    public static PoolingConfig of(int dimension, PoolingMode mode) {
        return new PoolingConfig(dimension, EnumSet.of(mode), true);
    }

    /** Size of the pooled vector: {@code modes * dimension}. */
    public int outputDimension() {
        return modes.size() * dimension;
    }

    /** The modes in output order. */
    public PoolingMode[] orderedModes() {
        return EnumSet.copyOf(modes).toArray(PoolingMode[]::new);
    }

    /**
     * sentence-transformers' {@code get_pooling_mode_str()}: names joined by {@code +} in its own
     * order (cls, mean, max, ...), which is not the concatenation order.
     */
    public String modeString() {
        PoolingMode[] order = {
            PoolingMode.CLS,
            PoolingMode.MEAN,
            PoolingMode.MAX,
            PoolingMode.MEAN_SQRT_LEN,
            PoolingMode.WEIGHTED_MEAN,
            PoolingMode.LAST_TOKEN
        };
        StringBuilder sb = new StringBuilder();
        for (PoolingMode m : order) {
            if (modes.contains(m)) sb.append(sb.isEmpty() ? "" : "+").append(m.shortName());
        }
        return sb.toString();
    }

    @Override
    public String describe() {
        return "Pooling(" + modeString() + ", dimension=" + dimension + (includePrompt ? "" : ", include_prompt=False")
                + ")";
    }

    @Override
    public String toString() {
        return "PoolingConfig[" + dimension + ", "
                + modes.stream().map(PoolingMode::shortName).collect(Collectors.joining("+")) + ", includePrompt="
                + includePrompt + "]";
    }
}
