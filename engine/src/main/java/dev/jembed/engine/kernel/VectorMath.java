package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise and row-wise math of {@link VectorKernels}: exp, the two GELUs, softmax and
 * LayerNorm. Each function performs the steps of its scalar twin in {@link KernelMath} /
 * {@link ScalarKernels} lane by lane, so results are the same bits and loops finish their tails
 * with the scalar functions. Sums never use {@code reduceLanes(ADD)} (its order is unspecified and
 * differs between the interpreter and C2) but {@link #sum16}, whose order depends on the length alone.
 *
 * <p>No helper here takes or returns a vector (see {@link VectorKernels} for why): exp is one loop
 * over an array, which the tanh GELU calls on a chunk of arguments it computed first.
 */
final class VectorMath {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;

    private static final VectorShuffle<Float> FOLD_16 = fold(16);
    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[16]);
    /** Elements per chunk of the tanh GELU: its exp arguments live in a per-thread buffer of this size. */
    private static final int GELU_CHUNK = 64;

    private static final ThreadLocal<float[]> GELU_ARGS = ThreadLocal.withInitial(() -> new float[GELU_CHUNK]);

    private VectorMath() {}

    private static VectorShuffle<Float> fold(int width) {
        return L >= width ? VectorShuffle.fromOp(S, i -> i ^ (width / 2)) : null;
    }

    /** Applies {@code act} to {@code x[from, to)} in place (the matmul's epilogue and {@link Kernels#activate}). */
    static void activate(float[] x, int from, int to, Activation act) {
        switch (act) {
            case NONE -> {}
            case GELU -> gelu(x, from, to);
            case GELU_TANH -> geluTanh(x, from, to);
        }
    }

    /** {@link KernelMath#gelu} on {@code x[from, to)}, the same steps lane-wise. */
    static void gelu(float[] x, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector xc =
                    v.mul(KernelMath.SQRT1_2).max(-KernelMath.ERF_CLAMP).min(KernelMath.ERF_CLAMP);
            FloatVector x2 = xc.mul(xc);
            FloatVector p = x2.fma(KernelMath.ERF_A13, KernelMath.ERF_A11);
            p = x2.fma(p, FloatVector.broadcast(S, KernelMath.ERF_A9));
            p = x2.fma(p, FloatVector.broadcast(S, KernelMath.ERF_A7));
            p = x2.fma(p, FloatVector.broadcast(S, KernelMath.ERF_A5));
            p = x2.fma(p, FloatVector.broadcast(S, KernelMath.ERF_A3));
            p = x2.fma(p, FloatVector.broadcast(S, KernelMath.ERF_A1));
            p = xc.mul(p);
            FloatVector q = x2.fma(KernelMath.ERF_B8, KernelMath.ERF_B6);
            q = x2.fma(q, FloatVector.broadcast(S, KernelMath.ERF_B4));
            q = x2.fma(q, FloatVector.broadcast(S, KernelMath.ERF_B2));
            q = x2.fma(q, FloatVector.broadcast(S, KernelMath.ERF_B0));
            FloatVector erf = p.div(q);
            v.mul(0.5f).mul(erf.add(1f)).intoArray(x, i);
        }
        for (; i < to; i++) x[i] = KernelMath.gelu(x[i]);
    }

    /**
     * {@link KernelMath#geluTanh} on {@code x[from, to)}, the same steps lane-wise, in chunks: the
     * arguments {@code -2u} of a chunk go to a per-thread buffer, {@link #expShifted} turns them into
     * {@code exp(-2u)}, and {@code x / (1 + exp(-2u))} is stored back.
     */
    static void geluTanh(float[] x, int from, int to) {
        float[] e = GELU_ARGS.get();
        for (int c = from; c < to; c += GELU_CHUNK) {
            int n = Math.min(GELU_CHUNK, to - c), i = 0;
            for (; i + L <= n; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, c + i);
                FloatVector x3 = v.mul(v).mul(v);
                x3.fma(FloatVector.broadcast(S, KernelMath.GELU_TANH_K), v)
                        .mul(KernelMath.GELU_TANH_C)
                        .mul(-2f)
                        .intoArray(e, i);
            }
            for (; i < n; i++) {
                float v = x[c + i], x3 = v * v * v;
                e[i] = -2f * (KernelMath.GELU_TANH_C * Math.fma(KernelMath.GELU_TANH_K, x3, v));
            }
            expShifted(e, 0, n, 0f); // x - 0f is x for every float, so this is exp(-2u) exactly
            for (i = 0; i + L <= n; i += L) {
                FloatVector.fromArray(S, x, c + i)
                        .div(FloatVector.fromArray(S, e, i).add(1f))
                        .intoArray(x, c + i);
            }
            for (; i < n; i++) x[c + i] = x[c + i] / (1f + e[i]);
        }
    }

    /** {@code x[i] = exp(x[i] - shift)} on {@code [from, to)}: {@link KernelMath#exp}, step for step, lane-wise. */
    static void expShifted(float[] x, int from, int to, float shift) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector arg = FloatVector.fromArray(S, x, i).sub(shift);
            VectorMask<Float> under = arg.compare(VectorOperators.LT, KernelMath.EXP_LO);
            FloatVector xc = arg.min(KernelMath.EXP_HI);
            FloatVector t = xc.fma(KernelMath.LOG2E, KernelMath.ROUND_MAGIC);
            FloatVector n = t.sub(KernelMath.ROUND_MAGIC);
            FloatVector r = n.fma(FloatVector.broadcast(S, -KernelMath.LN2_HI), xc);
            r = n.fma(FloatVector.broadcast(S, -KernelMath.LN2_LO), r);
            FloatVector poly =
                    FloatVector.broadcast(S, KernelMath.EXP_P0).fma(r, FloatVector.broadcast(S, KernelMath.EXP_P1));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P2));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P3));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P4));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P5));
            FloatVector y = poly.fma(r.mul(r), r).add(1f);
            FloatVector scale2n = t.viewAsIntegralLanes()
                    .add(127 - KernelMath.ROUND_MAGIC_BITS)
                    .lanewise(VectorOperators.LSHL, 23)
                    .viewAsFloatingLanes();
            y.mul(scale2n).blend(0f, under).intoArray(x, i);
        }
        for (; i < to; i++) x[i] = KernelMath.exp(x[i] - shift);
    }

    /** See {@link Kernels#softmax}: max (exact in any order), exp, then one {@link #sum16} and a multiply. */
    static void softmax(float[] x, int off, int len) {
        int end = off + len, i = off;
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; i + L <= end; i += L) vmax = vmax.max(FloatVector.fromArray(S, x, i));
        float max = vmax.reduceLanes(VectorOperators.MAX); // exact in any order
        for (; i < end; i++) max = Math.max(max, x[i]);
        expShifted(x, off, end, max);
        float inv = 1f / sum16(x, off, end, 0f, false);
        for (i = off; i + L <= end; i += L)
            FloatVector.fromArray(S, x, i).mul(inv).intoArray(x, i);
        for (; i < end; i++) x[i] *= inv;
    }

    /** See {@link Kernels#addLayerNorm}: every sum by {@link #sum16}, so the bits do not depend on the width. */
    static void addLayerNorm(
            LayerNormWeights norm, float[] x, int xOff, float[] residual, int rOff, int rows, float[] out, int outOff) {
        MemorySegment gamma = norm.gamma(), beta = norm.beta();
        float eps = norm.eps();
        int dim = norm.dim();
        int dv = dim - dim % L;
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * dim, oo = outOff + r * dim, ro = rOff + r * dim;
            for (int i = 0; i < dv; i += L) {
                FloatVector y = FloatVector.fromArray(S, x, xo + i);
                if (residual != null) y = y.add(FloatVector.fromArray(S, residual, ro + i));
                y.intoArray(out, oo + i);
            }
            for (int i = dv; i < dim; i++) out[oo + i] = residual == null ? x[xo + i] : x[xo + i] + residual[ro + i];
            // mean, then the shift and spread around it in a second pass (corrected two-pass variance);
            // every sum in the same order at every vector width
            float mean0 = sum16(out, oo, oo + dim, 0f, false) / dim;
            float s1 = sum16(out, oo, oo + dim, mean0, false), s2 = sum16(out, oo, oo + dim, mean0, true);
            float shift = s1 / dim;
            float mean = mean0 + shift;
            float rstd = KernelMath.rstd(Math.max(0f, Math.fma(-shift, shift, s2 / dim)), eps);
            for (int i = 0; i < dv; i += L) {
                FloatVector n = FloatVector.fromArray(S, out, oo + i).sub(mean).mul(rstd);
                n.fma(
                                FloatVector.fromMemorySegment(S, gamma, 4L * i, VectorKernels.LE),
                                FloatVector.fromMemorySegment(S, beta, 4L * i, VectorKernels.LE))
                        .intoArray(out, oo + i);
            }
            for (int i = dv; i < dim; i++) {
                float n = (out[oo + i] - mean) * rstd;
                out[oo + i] =
                        Math.fma(n, gamma.getAtIndex(ScalarKernels.F32, i), beta.getAtIndex(ScalarKernels.F32, i));
            }
        }
    }

    /**
     * Sum of {@code x[from .. to)} (or, when {@code squares}, of {@code (x[i] - center)^2} by fma), the
     * same bits at every vector width: element i goes to virtual lane {@code (i - from) % 16} of 16
     * partial sums over the whole 16-element blocks, which are then folded by the fixed tree
     * {@link #sum16Scalar} spells out (lane i += lane i ^ 8, ^ 4, ^ 2, ^ 1); the tail of fewer than 16
     * elements is added in order. With 16 lanes that is one register; 8 and 4 lanes hold the 16
     * partials in 2 or 4 registers, whose first fold steps are plain vector adds. {@code center} is
     * subtracted from every element first (0 for a plain sum).
     */
    static float sum16(float[] x, int from, int to, float center, boolean squares) {
        int end = from + (to - from) / 16 * 16, i = from;
        float sum;
        if (L == 16) {
            FloatVector a = FloatVector.zero(S);
            for (; i < end; i += 16) {
                FloatVector d = FloatVector.fromArray(S, x, i).sub(center);
                a = squares ? d.fma(d, a) : a.add(d);
            }
            a = a.add(a.rearrange(FOLD_16));
            a = a.add(a.rearrange(FOLD_8));
            a = a.add(a.rearrange(FOLD_4));
            a = a.add(a.rearrange(FOLD_2));
            sum = a.lane(0);
        } else if (L == 8) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0;
            for (; i < end; i += 16) {
                FloatVector d0 = FloatVector.fromArray(S, x, i).sub(center),
                        d1 = FloatVector.fromArray(S, x, i + 8).sub(center);
                a0 = squares ? d0.fma(d0, a0) : a0.add(d0);
                a1 = squares ? d1.fma(d1, a1) : a1.add(d1);
            }
            FloatVector a = a0.add(a1); // lanes 0..7 += lanes 8..15
            a = a.add(a.rearrange(FOLD_8));
            a = a.add(a.rearrange(FOLD_4));
            a = a.add(a.rearrange(FOLD_2));
            sum = a.lane(0);
        } else if (L == 4) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (; i < end; i += 16) {
                FloatVector d0 = FloatVector.fromArray(S, x, i).sub(center),
                        d1 = FloatVector.fromArray(S, x, i + 4).sub(center);
                FloatVector d2 = FloatVector.fromArray(S, x, i + 8).sub(center),
                        d3 = FloatVector.fromArray(S, x, i + 12).sub(center);
                a0 = squares ? d0.fma(d0, a0) : a0.add(d0);
                a1 = squares ? d1.fma(d1, a1) : a1.add(d1);
                a2 = squares ? d2.fma(d2, a2) : a2.add(d2);
                a3 = squares ? d3.fma(d3, a3) : a3.add(d3);
            }
            FloatVector a = a0.add(a2).add(a1.add(a3)); // lanes 0..7 += lanes 8..15, then 0..3 += 4..7
            a = a.add(a.rearrange(FOLD_4));
            a = a.add(a.rearrange(FOLD_2));
            sum = a.lane(0);
        } else {
            return sum16Scalar(x, from, to, center, squares); // 2 lanes (64-bit vectors): not worth vector code
        }
        for (; i < to; i++) {
            float d = x[i] - center;
            sum = squares ? Math.fma(d, d, sum) : sum + d;
        }
        return sum;
    }

    /**
     * {@link #sum16} in scalar code, operation for operation (the same 16 partial sums, fold tree and
     * tail): its reference in tests, and its fallback below 4 lanes.
     */
    static float sum16Scalar(float[] x, int from, int to, float center, boolean squares) {
        float[] lanes = LANES.get();
        Arrays.fill(lanes, 0f);
        int end = from + (to - from) / 16 * 16, i = from;
        for (; i < end; i++) {
            float d = x[i] - center;
            int lane = (i - from) & 15;
            lanes[lane] = squares ? Math.fma(d, d, lanes[lane]) : lanes[lane] + d;
        }
        for (int w = 16; w >= 2; w >>= 1) {
            for (int j = 0; j < w / 2; j++) lanes[j] = lanes[j] + lanes[j + w / 2];
        }
        float sum = lanes[0];
        for (; i < to; i++) {
            float d = x[i] - center;
            sum = squares ? Math.fma(d, d, sum) : sum + d;
        }
        return sum;
    }
}
