package dev.jembed.pooling;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API implementation of {@link VectorOps}: only loaded when {@link VectorOps} chose it,
 * so a JVM without {@code jdk.incubator.vector} never touches this class.
 *
 * <p>Reductions never use {@code reduceLanes(ADD)}: its order of additions is unspecified and
 * differs between the interpreter, C1 and C2, so the last bit of a norm (and of every normalized
 * embedding) changed once the JIT had warmed up. Instead every reduction keeps 16 partial sums,
 * element {@code i} going to sum {@code i mod 16}, whatever the vector width (one 512-bit, two
 * 256-bit or four 128-bit vectors hold them), folds them with a fixed tree (in registers), and adds
 * the tail in index order. {@link ScalarOps} spells out the same definition and gives the same bits;
 * other widths fall back to it.
 */
final class SimdOps {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Partial sums per reduction, fixed so the result does not depend on the vector width. */
    private static final int BLOCK = ScalarOps.BLOCK;
    /** Widths that tile a 16-float block: one, two or four vectors (L is a power of two). */
    private static final boolean SIMD = L >= 4 && L <= BLOCK;
    /** Lane {@code i} to lane {@code (i + h) mod L}, the in-register steps of {@link #fold}. */
    private static final VectorShuffle<Float> ROTATE_8 = VectorShuffle.iota(SPECIES, 8, 1, true),
            ROTATE_4 = VectorShuffle.iota(SPECIES, 4, 1, true),
            ROTATE_2 = VectorShuffle.iota(SPECIES, 2, 1, true),
            ROTATE_1 = VectorShuffle.iota(SPECIES, 1, 1, true);

    private SimdOps() {}

    /** {@code acc[i] += x[xOff + i]} for {@code i < n}. */
    static void add(float[] acc, float[] x, int xOff, int n) {
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += L) {
            FloatVector.fromArray(SPECIES, acc, i)
                    .add(FloatVector.fromArray(SPECIES, x, xOff + i))
                    .intoArray(acc, i);
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
            FloatVector.fromArray(SPECIES, acc, i)
                    .lanewise(VectorOperators.MAX, FloatVector.fromArray(SPECIES, x, xOff + i))
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

    /** Sum of {@code a[aOff + i] * b[bOff + i]}; bit for bit {@link ScalarOps#dot}. */
    static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (!SIMD) return ScalarOps.dot(a, aOff, b, bOff, n);
        int i = 0;
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            s0 = FloatVector.fromArray(SPECIES, a, aOff + i).fma(FloatVector.fromArray(SPECIES, b, bOff + i), s0);
            if (L <= 8)
                s1 = FloatVector.fromArray(SPECIES, a, aOff + i + L)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i + L), s1);
            if (L == 4) {
                s2 = FloatVector.fromArray(SPECIES, a, aOff + i + 2 * L)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i + 2 * L), s2);
                s3 = FloatVector.fromArray(SPECIES, a, aOff + i + 3 * L)
                        .fma(FloatVector.fromArray(SPECIES, b, bOff + i + 3 * L), s3);
            }
        }
        float s = fold(s0, s1, s2, s3);
        for (; i < n; i++) s = Math.fma(a[aOff + i], b[bOff + i], s);
        return s;
    }

    /**
     * Four dot products at once, {@code out[q] = dot(queries[q], row)} for {@code q < 4}: the corpus
     * row is loaded once for four queries, which is what makes many-query search cheap. Each result
     * equals {@link #dot} bit for bit (same partial sums, same folding).
     */
    static void dot4(float[] q0, float[] q1, float[] q2, float[] q3, float[] row, int n, float[] out) {
        if (!SIMD || L < 8) {
            // 128-bit vectors would need 16 accumulators here: the single dot keeps the same bits
            // (one call site: four inlined copies of dot outgrow C2's inlining budget, and vectors
            // that are not inlined are allocated on the heap)
            for (int q = 0; q < 4; q++) out[q] = dot(q == 0 ? q0 : q == 1 ? q1 : q == 2 ? q2 : q3, 0, row, 0, n);
            return;
        }
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
        int i = 0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            FloatVector r = FloatVector.fromArray(SPECIES, row, i);
            a0 = FloatVector.fromArray(SPECIES, q0, i).fma(r, a0);
            a1 = FloatVector.fromArray(SPECIES, q1, i).fma(r, a1);
            a2 = FloatVector.fromArray(SPECIES, q2, i).fma(r, a2);
            a3 = FloatVector.fromArray(SPECIES, q3, i).fma(r, a3);
            if (L == 8) {
                FloatVector r2 = FloatVector.fromArray(SPECIES, row, i + L);
                b0 = FloatVector.fromArray(SPECIES, q0, i + L).fma(r2, b0);
                b1 = FloatVector.fromArray(SPECIES, q1, i + L).fma(r2, b1);
                b2 = FloatVector.fromArray(SPECIES, q2, i + L).fma(r2, b2);
                b3 = FloatVector.fromArray(SPECIES, q3, i + L).fma(r2, b3);
            }
        }
        float s0 = fold(a0, b0, zero, zero),
                s1 = fold(a1, b1, zero, zero),
                s2 = fold(a2, b2, zero, zero),
                s3 = fold(a3, b3, zero, zero);
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

    /** Sum of squared differences; bit for bit {@link ScalarOps#squaredDistance}. */
    static float squaredDistance(float[] a, float[] b, int n) {
        if (!SIMD) return ScalarOps.squaredDistance(a, b, n);
        int i = 0;
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
            s0 = d0.fma(d0, s0);
            if (L <= 8) {
                FloatVector d1 = FloatVector.fromArray(SPECIES, a, i + L).sub(FloatVector.fromArray(SPECIES, b, i + L));
                s1 = d1.fma(d1, s1);
            }
            if (L == 4) {
                FloatVector d2 =
                        FloatVector.fromArray(SPECIES, a, i + 2 * L).sub(FloatVector.fromArray(SPECIES, b, i + 2 * L));
                FloatVector d3 =
                        FloatVector.fromArray(SPECIES, a, i + 3 * L).sub(FloatVector.fromArray(SPECIES, b, i + 3 * L));
                s2 = d2.fma(d2, s2);
                s3 = d3.fma(d3, s3);
            }
        }
        float s = fold(s0, s1, s2, s3);
        for (; i < n; i++) {
            float d = a[i] - b[i];
            s = Math.fma(d, d, s);
        }
        return s;
    }

    /** Sum of absolute differences; bit for bit {@link ScalarOps#manhattan}. */
    static float manhattan(float[] a, float[] b, int n) {
        if (!SIMD) return ScalarOps.manhattan(a, b, n);
        int i = 0;
        FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0;
        for (int upper = n - n % BLOCK; i < upper; i += BLOCK) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, a, i)
                    .sub(FloatVector.fromArray(SPECIES, b, i))
                    .abs());
            if (L <= 8)
                s1 = s1.add(FloatVector.fromArray(SPECIES, a, i + L)
                        .sub(FloatVector.fromArray(SPECIES, b, i + L))
                        .abs());
            if (L == 4) {
                s2 = s2.add(FloatVector.fromArray(SPECIES, a, i + 2 * L)
                        .sub(FloatVector.fromArray(SPECIES, b, i + 2 * L))
                        .abs());
                s3 = s3.add(FloatVector.fromArray(SPECIES, a, i + 3 * L)
                        .sub(FloatVector.fromArray(SPECIES, b, i + 3 * L))
                        .abs());
            }
        }
        float s = fold(s0, s1, s2, s3);
        for (; i < n; i++) s += Math.abs(a[i] - b[i]);
        return s;
    }

    /**
     * {@link ScalarOps#fold}'s halving tree over the 16 partial sums of one block, element {@code i}
     * being lane {@code i mod L} of {@code s(i / L)}, computed in vector registers: an array here
     * would be allocated on every call (C2 does not scalar-replace arrays written by vector stores).
     * Each step adds element {@code j + h} to element {@code j} for {@code h = 8, 4, 2, 1}; IEEE
     * addition is commutative, so these are the scalar fold's bits.
     */
    private static float fold(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3) {
        // the steps whose two halves lie in different vectors are lane-wise adds
        FloatVector t = L == 16 ? s0 : L == 8 ? s0.add(s1) : s0.add(s2).add(s1.add(s3));
        // the rest within t: lane j takes lane j + h (lanes at and above h are then ignored)
        if (L >= 16) t = t.add(t.rearrange(ROTATE_8));
        if (L >= 8) t = t.add(t.rearrange(ROTATE_4));
        t = t.add(t.rearrange(ROTATE_2));
        return t.add(t.rearrange(ROTATE_1)).lane(0);
    }
}
