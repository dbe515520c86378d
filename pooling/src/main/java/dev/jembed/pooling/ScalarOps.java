package dev.jembed.pooling;

/**
 * The definitions behind {@link VectorOps} in plain Java, run when the engine runs its scalar
 * kernels (and by {@link SimdOps} at widths that do not tile a block). Element-wise operations are
 * exact per element, so they give the SIMD loops' bits; every reduction keeps {@value #BLOCK}
 * partial sums, element {@code i} going to sum {@code i mod 16}, folds them with a fixed tree and
 * adds the tail in index order, which is the order {@link SimdOps} follows at every vector width.
 */
final class ScalarOps {
    /** Partial sums per reduction, fixed so the result does not depend on the vector width. */
    static final int BLOCK = 16;

    private ScalarOps() {}

    static void add(float[] acc, float[] x, int xOff, int n) {
        for (int i = 0; i < n; i++) acc[i] += x[xOff + i];
    }

    static void addScaled(float[] acc, float[] x, int xOff, float w, int n) {
        for (int i = 0; i < n; i++) acc[i] += x[xOff + i] * w;
    }

    static void max(float[] acc, float[] x, int xOff, int n) {
        for (int i = 0; i < n; i++) acc[i] = Math.max(acc[i], x[xOff + i]);
    }

    static void divide(float[] x, int off, int n, float d) {
        for (int i = 0; i < n; i++) x[off + i] /= d;
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float[] lanes = new float[BLOCK];
        int i = 0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            for (int j = 0; j < BLOCK; j++) lanes[j] = Math.fma(a[aOff + i + j], b[bOff + i + j], lanes[j]);
        }
        float s = fold(lanes, 0);
        for (; i < n; i++) s = Math.fma(a[aOff + i], b[bOff + i], s);
        return s;
    }

    static void dot4(float[] q0, float[] q1, float[] q2, float[] q3, float[] row, int n, float[] out) {
        out[0] = dot(q0, 0, row, 0, n);
        out[1] = dot(q1, 0, row, 0, n);
        out[2] = dot(q2, 0, row, 0, n);
        out[3] = dot(q3, 0, row, 0, n);
    }

    static float squaredDistance(float[] a, float[] b, int n) {
        float[] lanes = new float[BLOCK];
        int i = 0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            for (int j = 0; j < BLOCK; j++) {
                float d = a[i + j] - b[i + j];
                lanes[j] = Math.fma(d, d, lanes[j]);
            }
        }
        float s = fold(lanes, 0);
        for (; i < n; i++) {
            float d = a[i] - b[i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    static float manhattan(float[] a, float[] b, int n) {
        float[] lanes = new float[BLOCK];
        int i = 0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            for (int j = 0; j < BLOCK; j++) lanes[j] += Math.abs(a[i + j] - b[i + j]);
        }
        float s = fold(lanes, 0);
        for (; i < n; i++) s += Math.abs(a[i] - b[i]);
        return s;
    }

    /** Sums {@code lanes[off .. off+16)} by a fixed tree: halves added pairwise, 8 + 4 + 2 + 1 additions. */
    static float fold(float[] lanes, int off) {
        for (int h = BLOCK / 2; h > 0; h /= 2) {
            for (int j = 0; j < h; j++) lanes[off + j] += lanes[off + j + h];
        }
        return lanes[off];
    }
}
