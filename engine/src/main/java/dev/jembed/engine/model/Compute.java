package dev.jembed.engine.model;

import dev.jembed.engine.kernel.Kernels;
import dev.jembed.engine.kernel.LayerNormWeights;
import dev.jembed.engine.kernel.PackedMatrix;

/**
 * The numeric kernels and the model's thread pool, and how each step of a forward pass is split
 * across the pool: matmuls by column ranges, LayerNorm by row ranges, small steps on the calling
 * thread alone. Which thread computes an output never changes its bits (see {@link Kernels}).
 */
final class Compute implements AutoCloseable {
    /** Multiply-adds below which a step runs on the calling thread alone: waking workers would cost more. */
    static final long MIN_PARALLEL_WORK = 1 << 18;
    /** Matmul column ranges are multiples of the packed weights' panel width, which wastes no kernel work. */
    private static final int COLUMN_ALIGN = PackedMatrix.PANEL;

    final Kernels kernels;
    final Parallel pool;

    Compute(Kernels kernels, Parallel pool) {
        this.kernels = kernels;
        this.pool = pool;
    }

    /**
     * {@code out[T, m * n + j] = act_m(x[T, in] W_m^T + b_m)} for each layer {@code m} of {@code layers}
     * (all {@code [n, in]}), their outputs side by side in rows of {@code ldo}, with {@code x} from
     * {@code x[xOff]} in rows of {@code in}: one pool job for all of them, split by column ranges.
     */
    void linear(Linear[] layers, float[] x, int xOff, int tokens, float[] out, int ldo) {
        int in = layers[0].in, n = layers[0].out;
        int step = columnStep(tokens, in, n), blocks = ceilDiv(n, step);
        pool.run(layers.length * blocks, (item, worker) -> {
            int m = item / blocks, c0 = (item % blocks) * step;
            kernels.matmul(layers[m].weights, x, xOff, in, tokens, out, m * n, ldo, c0, Math.min(n, c0 + step));
        });
    }

    /** {@code out[T, out] = act(x[T, in] W^T + b)}, {@code x} from {@code x[xOff]}. */
    void linear(Linear layer, float[] x, int xOff, int tokens, float[] out) {
        linear(layer.alone, x, xOff, tokens, out, layer.out);
    }

    /**
     * {@code out[T, hidden] = LayerNorm(x + residual)} row by row ({@code residual} may be null,
     * {@code out} may be {@code x}), split by row ranges.
     */
    void addLayerNorm(LayerNorm norm, float[] x, float[] residual, int tokens, float[] out) {
        LayerNormWeights weights = norm.weights();
        int hidden = weights.dim();
        int step = (long) tokens * hidden * 8 < MIN_PARALLEL_WORK
                ? tokens
                : Math.max(1, ceilDiv(tokens, 2 * pool.threads()));
        pool.run(ceilDiv(tokens, step), (item, worker) -> {
            int r0 = item * step, rows = Math.min(tokens, r0 + step) - r0;
            kernels.addLayerNorm(weights, x, r0 * hidden, residual, r0 * hidden, rows, out, r0 * hidden);
        });
    }

    /**
     * The residual step after attention and after the feed-forward:
     * {@code s.hidden = LayerNorm(s.spare + s.hidden)}, computed into {@code s.spare}, which then
     * becomes the residual stream.
     */
    void residualLayerNorm(LayerNorm norm, RunState s) {
        addLayerNorm(norm, s.spare, s.hidden, s.tokens, s.spare);
        s.swap();
    }

    /**
     * Columns per work item of a {@code [tokens, k] x [k, n]} product: all of them if it is small,
     * else a multiple of {@link #COLUMN_ALIGN} giving about three items per thread (so a thread the
     * OS is slow to schedule costs little).
     */
    private int columnStep(int tokens, int k, int n) {
        if (pool.threads() == 1 || (long) tokens * k * n < MIN_PARALLEL_WORK) return n;
        return Math.min(n, ceilDiv(ceilDiv(n, 3 * pool.threads()), COLUMN_ALIGN) * COLUMN_ALIGN);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        pool.close();
    }
}
