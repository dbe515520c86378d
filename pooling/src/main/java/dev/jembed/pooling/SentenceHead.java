package dev.jembed.pooling;

import dev.jembed.engine.tensor.Weights;
import dev.jembed.pooling.config.DenseSpec;
import dev.jembed.pooling.config.ModuleSpec;
import dev.jembed.pooling.config.NormalizeSpec;
import dev.jembed.pooling.config.PoolingConfig;
import dev.jembed.pooling.config.SentenceTransformerConfig;
import dev.jembed.pooling.config.TransformerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything sentence-transformers does after the transformer, for one sequence: pooling, the
 * Dense and Normalize modules in their configured order, then {@code truncate_dim} and
 * {@code normalize_embeddings}. Immutable and thread-safe.
 *
 * <p>Order, as in {@code SentenceTransformer.encode}: the module pipeline runs first (so a model's
 * own Normalize module sees the full vector), then the vector is cut to {@code truncate_dim}, then
 * {@code normalize_embeddings=True} normalizes the cut vector. A truncated embedding of a model
 * with a Normalize module is therefore not unit length unless normalization is also requested.
 */
final class SentenceHead {
    private final Pooling pooling;
    private final List<HeadModule> modules;
    private final int dimension;

    public SentenceHead(Pooling pooling, List<HeadModule> modules) {
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.modules = List.copyOf(modules);
        int dim = pooling.outputDimension();
        for (HeadModule m : this.modules) dim = m.outputDimension(dim);
        this.dimension = dim;
    }

    /**
     * The head of a model folder; {@code openWeights} opens a Dense module's safetensors file (the
     * tensors are copied, and the weights closed, before this returns).
     */
    public static SentenceHead load(SentenceTransformerConfig config, Function<Path, Weights> openWeights) {
        Pooling pooling = null;
        List<HeadModule> modules = new ArrayList<>();
        for (ModuleSpec spec : config.modules()) {
            switch (spec) {
                case TransformerSpec t -> {}
                case PoolingConfig p -> pooling = new Pooling(p);
                case DenseSpec d -> {
                    try (Weights w = openWeights.apply(d.weightsFile())) {
                        modules.add(Dense.load(d, w));
                    }
                }
                case NormalizeSpec n -> modules.add(new Normalize());
            }
        }
        return new SentenceHead(pooling, modules);
    }

    public Pooling pooling() {
        return pooling;
    }

    public List<HeadModule> modules() {
        return modules;
    }

    /** Size of the embedding before any truncation. */
    public int dimension() {
        return dimension;
    }

    /** True if the module pipeline contains a Normalize module. */
    public boolean normalizes() {
        return modules.stream().anyMatch(m -> m instanceof Normalize);
    }

    /**
     * The sentence embedding of one sequence.
     *
     * @param hidden       last hidden state {@code [length, hidden]} of the sequence, from {@code offset}
     * @param promptLength see {@link Pooling#pool(float[], int, int, int, float[], int)}
     * @param normalize    null: the model's own modules; TRUE: additionally normalize after truncation
     *                     ({@code normalize_embeddings=True}); FALSE: skip the model's Normalize modules
     * @param truncateDim  keep the first {@code truncateDim} values; 0 (or at least the dimension) keeps all
     */
    public float[] embed(float[] hidden, int offset, int length, int promptLength, Boolean normalize, int truncateDim) {
        if (truncateDim < 0) throw new IllegalArgumentException("truncate_dim must be positive, got " + truncateDim);
        float[] v = new float[pooling.outputDimension()];
        pooling.pool(hidden, offset, length, promptLength, v, 0);
        for (HeadModule m : modules) {
            if (m instanceof Normalize && Boolean.FALSE.equals(normalize)) continue;
            v = m.apply(v);
        }
        if (truncateDim > 0 && truncateDim < v.length) v = java.util.Arrays.copyOf(v, truncateDim);
        if (Boolean.TRUE.equals(normalize)) Normalization.normalize(v);
        return v;
    }
}
