package dev.jembed.pooling;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The few SIMD loops the pooling side needs: accumulation over tokens and the reductions behind
 * normalization and similarity. Each result depends only on its inputs and the length, never on
 * the caller, so an embedding is the same in every batch.
 *
 * <p>Sums of lanes use a fixed folding tree ({@link #sumLanes}), never {@code reduceLanes(ADD)}:
 * its order is unspecified and differs between the interpreter and C2, so a vector's norm (hence a
 * normalized embedding) changed in its last bits once the JIT had compiled this code.
 */
final class VectorOps {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    private static final VectorShuffle<Float> FOLD_64 = fold(64);
    private static final VectorShuffle<Float> FOLD_32 = fold(32);
    private static final VectorShuffle<Float> FOLD_16 = fold(16);
    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);

    private VectorOps() {
    }

    private static VectorShuffle<Float> fold(int width) {
        return L >= width ? VectorShuffle.fromOp(SPECIES, i -> i ^ (width / 2)) : null;
    }

    /** The sum of {@code v}'s lanes in one fixed order: lane i += lane i ^ width/2, width halving. */
    static float sumLanes(FloatVector v) {
        if (L >= 64) v = v.add(v.rearrange(FOLD_64));
        if (L >= 32) v = v.add(v.rearrange(FOLD_32));
        if (L >= 16) v = v.add(v.rearrange(FOLD_16));
        if (L >= 8) v = v.add(v.rearrange(FOLD_8));
        if (L >= 4) v = v.add(v.rearrange(FOLD_4));
        if (L >= 2) v = v.add(v.rearrange(FOLD_2));
        return v.lane(0);
    }

    /** {@code acc[i] += x[xOff + i]} for {@code i < n}. */
    static void add(float[] acc, float[] x, int xOff, int n) {
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(SPECIES, acc, i).add(FloatVector.fromArray(SPECIES, x, xOff + i)).intoArray(acc, i);
        }
        for (; i < n; i++) acc[i] += x[xOff + i];
    }

    /** {@code acc[i] += x[xOff + i] * w}, the product rounded before the sum (no fused multiply-add). */
    static void addScaled(float[] acc, float[] x, int xOff, float w, int n) {
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector p = FloatVector.fromArray(SPECIES, x, xOff + i).mul(w);
            FloatVector.fromArray(SPECIES, acc, i).add(p).intoArray(acc, i);
        }
        for (; i < n; i++) acc[i] += x[xOff + i] * w;
    }

    /** {@code acc[i] = max(acc[i], x[xOff + i])} with {@link Math#max} semantics (NaN wins). */
    static void max(float[] acc, float[] x, int xOff, int n) {
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(SPECIES, acc, i).lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, x, xOff + i))
                    .intoArray(acc, i);
        }
        for (; i < n; i++) acc[i] = Math.max(acc[i], x[xOff + i]);
    }

    /** {@code x[off + i] /= d}. */
    static void divide(float[] x, int off, int n, float d) {
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(SPECIES, x, off + i).div(d).intoArray(x, off + i);
        }
        for (; i < n; i++) x[off + i] /= d;
    }

    /** Sum of {@code a[aOff + i] * b[bOff + i]}. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            acc = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), acc);
        }
        float s = sumLanes(acc);
        for (; i < n; i++) s = Math.fma(a[aOff + i], b[bOff + i], s);
        return s;
    }

    /**
     * Four dot products at once, {@code out[q] = dot(queries[q], row)} for {@code q < 4}: the corpus
     * row is loaded once for four queries, which is what makes many-query search cheap. Each result
     * equals {@link #dot} bit for bit (same lanes, same order).
     */
    static void dot4(float[] q0, float[] q1, float[] q2, float[] q3, float[] row, int n, float[] out) {
        FloatVector a0 = FloatVector.zero(SPECIES), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector r = FloatVector.fromArray(SPECIES, row, i);
            a0 = FloatVector.fromArray(SPECIES, q0, i).fma(r, a0);
            a1 = FloatVector.fromArray(SPECIES, q1, i).fma(r, a1);
            a2 = FloatVector.fromArray(SPECIES, q2, i).fma(r, a2);
            a3 = FloatVector.fromArray(SPECIES, q3, i).fma(r, a3);
        }
        float s0 = sumLanes(a0), s1 = sumLanes(a1);
        float s2 = sumLanes(a2), s3 = sumLanes(a3);
        for (; i < n; i++) {
            s0 = Math.fma(q0[i], row[i], s0);
            s1 = Math.fma(q1[i], row[i], s1);
            s2 = Math.fma(q2[i], row[i], s2);
            s3 = Math.fma(q3[i], row[i], s3);
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** Sum of squared differences. */
    static float squaredDistance(float[] a, float[] b, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector d = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
            acc = d.fma(d, acc);
        }
        float s = sumLanes(acc);
        for (; i < n; i++) {
            float d = a[i] - b[i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    /** Sum of absolute differences. */
    static float manhattan(float[] a, float[] b, int n) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            acc = acc.add(FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i)).abs());
        }
        float s = sumLanes(acc);
        for (; i < n; i++) s += Math.abs(a[i] - b[i]);
        return s;
    }

    /** Euclidean norm. */
    static float norm(float[] a, int off, int n) {
        return (float) Math.sqrt(dot(a, off, a, off, n));
    }
}
