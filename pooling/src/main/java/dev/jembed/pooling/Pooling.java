package dev.jembed.pooling;

import dev.jembed.pooling.config.PoolingConfig;
import dev.jembed.pooling.config.PoolingMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * sentence-transformers' {@code Pooling.forward} for one unpadded sequence: token embeddings
 * {@code [length, dimension]} in, the concatenated pooled vector out. Immutable and thread-safe.
 *
 * <p>The attention mask of an unpadded sequence is all ones, except that with
 * {@code include_prompt=false} the first {@code promptLength} tokens are masked out, exactly as
 * sentence-transformers does ({@code attention_mask[:, :prompt_length] = 0}). Two of its quirks are
 * kept on purpose so the numbers match: CLS pooling always takes token 0, even when it is masked;
 * and because max pooling overwrites masked token embeddings with -1e9 in place before the CLS
 * output is concatenated, CLS+max with a masked token 0 yields -1e9 for the CLS part.
 */
final class Pooling {
    /** The value sentence-transformers writes into masked positions before max pooling. */
    static final float MASKED_MAX = -1e9f;

    private final PoolingConfig config;
    private final PoolingMode[] modes;
    private final int dim;

    public Pooling(PoolingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.modes = config.orderedModes();
        this.dim = config.dimension();
    }

    public PoolingConfig config() {
        return config;
    }

    /** Length of the pooled vector. */
    public int outputDimension() {
        return config.outputDimension();
    }

    /** Pools one sequence into a new array; see {@link #pool(float[], int, int, int, float[], int)}. */
    public float[] pool(float[] hidden, int length, int promptLength) {
        float[] out = new float[outputDimension()];
        pool(hidden, 0, length, promptLength, out, 0);
        return out;
    }

    /**
     * Pools one sequence.
     *
     * @param hidden       token embeddings, row-major {@code [length, dimension]} starting at {@code offset}
     * @param length       number of tokens (at least 1)
     * @param promptLength tokens belonging to the prompt (sentence-transformers' {@code prompt_length}:
     *                     the tokenized prompt without its trailing special token); only used when the
     *                     config excludes the prompt
     * @param out          receives {@link #outputDimension()} floats at {@code outOff}
     */
    public void pool(float[] hidden, int offset, int length, int promptLength, float[] out, int outOff) {
        if (length < 1) throw new IllegalArgumentException("a sequence needs at least one token, got " + length);
        if (promptLength < 0) throw new IllegalArgumentException("negative prompt length " + promptLength);
        Objects.checkFromIndexSize(offset, length * dim, hidden.length);
        Objects.checkFromIndexSize(outOff, outputDimension(), out.length);
        int first = config.includePrompt() ? 0 : Math.min(promptLength, length);
        int count = length - first;
        boolean maxEnabled = config.modes().contains(PoolingMode.MAX);
        float[] acc = new float[dim];
        int o = outOff;
        for (PoolingMode mode : modes) {
            switch (mode) {
                case CLS -> {
                    if (maxEnabled && first > 0) Arrays.fill(out, o, o + dim, MASKED_MAX);
                    else System.arraycopy(hidden, offset, out, o, dim);
                }
                case MAX -> {
                    Arrays.fill(acc, first > 0 ? MASKED_MAX : Float.NEGATIVE_INFINITY);
                    for (int t = first; t < length; t++) VectorOps.max(acc, hidden, offset + t * dim, dim);
                    System.arraycopy(acc, 0, out, o, dim);
                }
                case MEAN, MEAN_SQRT_LEN -> {
                    Arrays.fill(acc, 0f);
                    for (int t = first; t < length; t++) VectorOps.add(acc, hidden, offset + t * dim, dim);
                    float n = Math.max((float) count, 1e-9f);
                    VectorOps.divide(acc, 0, dim, mode == PoolingMode.MEAN ? n : (float) Math.sqrt(n));
                    System.arraycopy(acc, 0, out, o, dim);
                }
                case WEIGHTED_MEAN -> {
                    Arrays.fill(acc, 0f);
                    float weights = 0f;
                    for (int t = first; t < length; t++) {
                        VectorOps.addScaled(acc, hidden, offset + t * dim, t + 1, dim);
                        weights += t + 1;
                    }
                    VectorOps.divide(acc, 0, dim, Math.max(weights, 1e-9f));
                    System.arraycopy(acc, 0, out, o, dim);
                }
                case LAST_TOKEN -> {
                    if (count > 0) System.arraycopy(hidden, offset + (length - 1) * dim, out, o, dim);
                    else Arrays.fill(out, o, o + dim, 0f);
                }
            }
            o += dim;
        }
    }
}
