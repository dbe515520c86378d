package dev.jembed.pooling;

import dev.jembed.engine.kernel.Kernels;

/**
 * The few vector loops the pooling side needs (accumulation over tokens, the reductions behind
 * normalization and similarity), on the same path as the engine: {@link SimdOps} (Vector API) when
 * the engine runs its SIMD kernels, {@link ScalarOps} when it runs its scalar ones
 * ({@code -Djembed.kernels=scalar}, or a JVM without {@code jdk.incubator.vector}). Both follow one
 * fixed order of operations and give the same bits, so an embedding does not depend on the path,
 * the batch or the caller.
 */
final class VectorOps {
    /** Chosen once per JVM, as the engine chooses {@link Kernels#preferred()}. */
    static final boolean SIMD = simd();

    private VectorOps() {}

    private static boolean simd() {
        try {
            return Kernels.preferred().simd();
        } catch (IllegalStateException e) {
            // an invalid jembed.kernels value: the engine refuses to load, similarity still works
            return false;
        }
    }

    /** The path in use, for tests and diagnostics: {@code "simd"} or {@code "scalar"}. */
    static String path() {
        return SIMD ? "simd" : "scalar";
    }

    /** {@code acc[i] += x[xOff + i]} for {@code i < n}. */
    static void add(float[] acc, float[] x, int xOff, int n) {
        if (SIMD) SimdOps.add(acc, x, xOff, n);
        else ScalarOps.add(acc, x, xOff, n);
    }

    /** {@code acc[i] += x[xOff + i] * w}, the product rounded before the sum (no fused multiply-add). */
    static void addScaled(float[] acc, float[] x, int xOff, float w, int n) {
        if (SIMD) SimdOps.addScaled(acc, x, xOff, w, n);
        else ScalarOps.addScaled(acc, x, xOff, w, n);
    }

    /** {@code acc[i] = max(acc[i], x[xOff + i])} with {@link Math#max} semantics (NaN wins). */
    static void max(float[] acc, float[] x, int xOff, int n) {
        if (SIMD) SimdOps.max(acc, x, xOff, n);
        else ScalarOps.max(acc, x, xOff, n);
    }

    /** {@code x[off + i] /= d}. */
    static void divide(float[] x, int off, int n, float d) {
        if (SIMD) SimdOps.divide(x, off, n, d);
        else ScalarOps.divide(x, off, n, d);
    }

    /** Sum of {@code a[aOff + i] * b[bOff + i]}, 16 partial sums folded by a fixed tree. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return SIMD ? SimdOps.dot(a, aOff, b, bOff, n) : ScalarOps.dot(a, aOff, b, bOff, n);
    }

    /** {@code out[q] = dot(queries[q], row)} for four queries, each equal to {@link #dot} bit for bit. */
    static void dot4(float[] q0, float[] q1, float[] q2, float[] q3, float[] row, int n, float[] out) {
        if (SIMD) SimdOps.dot4(q0, q1, q2, q3, row, n, out);
        else ScalarOps.dot4(q0, q1, q2, q3, row, n, out);
    }

    /** Sum of squared differences. */
    static float squaredDistance(float[] a, float[] b, int n) {
        return SIMD ? SimdOps.squaredDistance(a, b, n) : ScalarOps.squaredDistance(a, b, n);
    }

    /** Sum of absolute differences. */
    static float manhattan(float[] a, float[] b, int n) {
        return SIMD ? SimdOps.manhattan(a, b, n) : ScalarOps.manhattan(a, b, n);
    }

    /** Euclidean norm. */
    static float norm(float[] a, int off, int n) {
        return (float) Math.sqrt(dot(a, off, a, off, n));
    }
}
