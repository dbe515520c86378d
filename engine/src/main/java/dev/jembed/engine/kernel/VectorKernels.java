package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API with the preferred float species of the running CPU.
 *
 * <p>Tails (sizes that are not a multiple of the lane count) are finished with scalar code whose
 * per-element arithmetic is the one the lanes perform, so no result depends on where a tail falls.
 * Horizontal sums use a fixed lane-folding tree built from lane-wise adds, never
 * {@code reduceLanes(ADD)}, whose order is unspecified and differs between the interpreter and C2.
 */
public final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final VectorShuffle<Float> FOLD_16 = fold(16);
    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] FOLD_WIDE = wideFolds();

    private static FloatVector bc(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** Lanes of the species in use (1 means the Vector API would only emulate SIMD). */
    static int lanes() {
        return L;
    }

    @Override
    public String name() {
        return "vector(FloatVector " + S.vectorBitSize() + " bits)";
    }

    // ---- horizontal sum -------------------------------------------------------------------------

    private static VectorShuffle<Float> fold(int width) {
        return L >= width ? VectorShuffle.fromOp(S, i -> i ^ (width / 2)) : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static VectorShuffle<Float>[] wideFolds() {
        int n = 0;
        for (int w = L; w > 16; w >>= 1) n++;
        VectorShuffle[] folds = new VectorShuffle[n];
        int idx = 0;
        for (int w = L; w > 16; w >>= 1) {
            int half = w / 2;
            folds[idx++] = VectorShuffle.fromOp(S, i -> i ^ half);
        }
        return folds;
    }

    /** Sum of the lanes by a fixed pairwise tree: lane i is added to lane i ^ (width/2), halving width. */
    static float sum(FloatVector v) {
        if (L > 16) {
            for (VectorShuffle<Float> f : FOLD_WIDE) v = v.add(v.rearrange(f));
        }
        if (L >= 16) v = v.add(v.rearrange(FOLD_16));
        if (L >= 8) v = v.add(v.rearrange(FOLD_8));
        if (L >= 4) v = v.add(v.rearrange(FOLD_4));
        if (L >= 2) v = v.add(v.rearrange(FOLD_2));
        return v.lane(0);
    }

    /** The scalar mirror of {@link #sum}: the same tree of additions over {@code lanes[0..L)}. */
    static float sumScalar(float[] lanes) {
        for (int w = L; w >= 2; w >>= 1) {
            for (int i = 0; i < w / 2; i++) lanes[i] = lanes[i] + lanes[i + w / 2];
        }
        return lanes[0];
    }

    // ---- matmul ---------------------------------------------------------------------------------

    /** Weight rows per cache block: 48 rows of k = 384 floats is 72 KiB, re-read from L2 by every row tile. */
    private static final int COL_BLOCK = 48;

    @Override
    public void matmul(float[] a, int aOff, int lda, int rows, int k,
                       MemorySegment w, MemorySegment bias, Activation act,
                       float[] c, int cOff, int ldc, int colFrom, int colTo) {
        for (int j0 = colFrom; j0 < colTo; j0 += COL_BLOCK) {
            int j1 = Math.min(colTo, j0 + COL_BLOCK);
            int r = 0;
            for (; r + 4 <= rows; r += 4) {
                int j = j0;
                for (; j + 3 <= j1; j += 3) tile4x3(a, aOff + r * lda, lda, k, w, j, c, cOff + r * ldc, ldc);
                for (; j < j1; j++) {
                    for (int i = 0; i < 4; i++) c[cOff + (r + i) * ldc + j] = dot(a, aOff + (r + i) * lda, k, w, j);
                }
            }
            for (; r < rows; r++) {
                for (int j = j0; j < j1; j++) c[cOff + r * ldc + j] = dot(a, aOff + r * lda, k, w, j);
            }
            for (int i = 0; i < rows; i++) epilogue(c, cOff + i * ldc, j0, j1, bias, act);
        }
    }

    /** Bias then activation on {@code c[row + j0 .. row + j1)}. */
    private static void epilogue(float[] c, int row, int j0, int j1, MemorySegment bias, Activation act) {
        if (bias != null) {
            int j = j0;
            for (; j + L <= j1; j += L) {
                FloatVector.fromArray(S, c, row + j).add(FloatVector.fromMemorySegment(S, bias, 4L * j, LE))
                        .intoArray(c, row + j);
            }
            for (; j < j1; j++) c[row + j] += bias.getAtIndex(ScalarKernels.F32, j);
        }
        activateRange(c, row + j0, j1 - j0, act);
    }

    /** One output: lane-parallel FMAs over the whole vectors of k, the fixed fold, then the scalar tail. */
    private static float dot(float[] a, int ar, int k, MemorySegment w, int j) {
        long wj = 4L * j * k;
        int kv = k - k % L;
        FloatVector acc = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            acc = FloatVector.fromArray(S, a, ar + p).fma(FloatVector.fromMemorySegment(S, w, wj + 4L * p, LE), acc);
        }
        return tail(sum(acc), a, ar, k, kv, w, wj);
    }

    private static float tail(float s, float[] a, int ar, int k, int kv, MemorySegment w, long wj) {
        for (int p = kv; p < k; p++) s = Math.fma(a[ar + p], w.get(ScalarKernels.F32, wj + 4L * p), s);
        return s;
    }

    /** 4 activation rows x 3 weight rows: 12 accumulators, 7 loads per 12 FMAs; each output as in {@link #dot}. */
    private static void tile4x3(float[] a, int ar, int lda, int k, MemorySegment w, int j, float[] c, int cr, int ldc) {
        long w0 = 4L * j * k, w1 = w0 + 4L * k, w2 = w1 + 4L * k;
        int a0 = ar, a1 = ar + lda, a2 = a1 + lda, a3 = a2 + lda;
        int kv = k - k % L;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0; p < kv; p += L) {
            long pb = 4L * p;
            FloatVector v0 = FloatVector.fromMemorySegment(S, w, w0 + pb, LE);
            FloatVector v1 = FloatVector.fromMemorySegment(S, w, w1 + pb, LE);
            FloatVector v2 = FloatVector.fromMemorySegment(S, w, w2 + pb, LE);
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            c00 = x.fma(v0, c00);
            c01 = x.fma(v1, c01);
            c02 = x.fma(v2, c02);
            x = FloatVector.fromArray(S, a, a1 + p);
            c10 = x.fma(v0, c10);
            c11 = x.fma(v1, c11);
            c12 = x.fma(v2, c12);
            x = FloatVector.fromArray(S, a, a2 + p);
            c20 = x.fma(v0, c20);
            c21 = x.fma(v1, c21);
            c22 = x.fma(v2, c22);
            x = FloatVector.fromArray(S, a, a3 + p);
            c30 = x.fma(v0, c30);
            c31 = x.fma(v1, c31);
            c32 = x.fma(v2, c32);
        }
        c[cr + j] = tail(sum(c00), a, a0, k, kv, w, w0);
        c[cr + j + 1] = tail(sum(c01), a, a0, k, kv, w, w1);
        c[cr + j + 2] = tail(sum(c02), a, a0, k, kv, w, w2);
        cr += ldc;
        c[cr + j] = tail(sum(c10), a, a1, k, kv, w, w0);
        c[cr + j + 1] = tail(sum(c11), a, a1, k, kv, w, w1);
        c[cr + j + 2] = tail(sum(c12), a, a1, k, kv, w, w2);
        cr += ldc;
        c[cr + j] = tail(sum(c20), a, a2, k, kv, w, w0);
        c[cr + j + 1] = tail(sum(c21), a, a2, k, kv, w, w1);
        c[cr + j + 2] = tail(sum(c22), a, a2, k, kv, w, w2);
        cr += ldc;
        c[cr + j] = tail(sum(c30), a, a3, k, kv, w, w0);
        c[cr + j + 1] = tail(sum(c31), a, a3, k, kv, w, w1);
        c[cr + j + 2] = tail(sum(c32), a, a3, k, kv, w, w2);
    }

    // ---- element-wise ---------------------------------------------------------------------------

    @Override
    public void activate(float[] x, int off, int len, Activation act) {
        activateRange(x, off, len, act);
    }

    private static void activateRange(float[] x, int off, int len, Activation act) {
        if (act == Activation.NONE) return;
        int end = off + len, i = off;
        if (act == Activation.GELU) {
            for (; i + L <= end; i += L) gelu(FloatVector.fromArray(S, x, i)).intoArray(x, i);
            for (; i < end; i++) x[i] = KernelMath.gelu(x[i]);
        } else {
            for (; i + L <= end; i += L) geluTanh(FloatVector.fromArray(S, x, i)).intoArray(x, i);
            for (; i < end; i++) x[i] = KernelMath.geluTanh(x[i]);
        }
    }

    /** {@link KernelMath#exp}, lane-wise. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> under = x.compare(VectorOperators.LT, KernelMath.EXP_LO);
        FloatVector xc = x.min(KernelMath.EXP_HI);
        FloatVector t = xc.fma(KernelMath.LOG2E, KernelMath.ROUND_MAGIC);
        FloatVector n = t.sub(KernelMath.ROUND_MAGIC);
        FloatVector r = n.fma(bc(-KernelMath.LN2_HI), xc);
        r = n.fma(bc(-KernelMath.LN2_LO), r);
        FloatVector p = bc(KernelMath.EXP_P0).fma(r, bc(KernelMath.EXP_P1));
        p = p.fma(r, bc(KernelMath.EXP_P2));
        p = p.fma(r, bc(KernelMath.EXP_P3));
        p = p.fma(r, bc(KernelMath.EXP_P4));
        p = p.fma(r, bc(KernelMath.EXP_P5));
        FloatVector r2 = r.mul(r);
        FloatVector y = p.fma(r2, r).add(1f);
        IntVector bits = (IntVector) t.viewAsIntegralLanes();
        FloatVector scale = (FloatVector) bits.add(127 - KernelMath.ROUND_MAGIC_BITS)
                .lanewise(VectorOperators.LSHL, 23).viewAsFloatingLanes();
        return y.mul(scale).blend(0f, under);
    }

    /** {@link KernelMath#erf}, lane-wise. */
    static FloatVector erf(FloatVector x) {
        FloatVector xc = x.max(-KernelMath.ERF_CLAMP).min(KernelMath.ERF_CLAMP);
        FloatVector x2 = xc.mul(xc);
        FloatVector p = x2.fma(KernelMath.ERF_A13, KernelMath.ERF_A11);
        p = x2.fma(p, bc(KernelMath.ERF_A9));
        p = x2.fma(p, bc(KernelMath.ERF_A7));
        p = x2.fma(p, bc(KernelMath.ERF_A5));
        p = x2.fma(p, bc(KernelMath.ERF_A3));
        p = x2.fma(p, bc(KernelMath.ERF_A1));
        p = xc.mul(p);
        FloatVector q = x2.fma(KernelMath.ERF_B8, KernelMath.ERF_B6);
        q = x2.fma(q, bc(KernelMath.ERF_B4));
        q = x2.fma(q, bc(KernelMath.ERF_B2));
        q = x2.fma(q, bc(KernelMath.ERF_B0));
        return p.div(q);
    }

    /** {@link KernelMath#gelu}, lane-wise. */
    static FloatVector gelu(FloatVector x) {
        return x.mul(0.5f).mul(erf(x.mul(KernelMath.SQRT1_2)).add(1f));
    }

    /** {@link KernelMath#geluTanh}, lane-wise. */
    static FloatVector geluTanh(FloatVector x) {
        FloatVector x3 = x.mul(x).mul(x);
        FloatVector u = x3.fma(bc(KernelMath.GELU_TANH_K), x).mul(KernelMath.GELU_TANH_C);
        return x.div(exp(u.mul(-2f)).add(1f));
    }

    // ---- softmax --------------------------------------------------------------------------------

    @Override
    public void softmax(float[] x, int off, int len) {
        int end = off + len, vend = off + (len - len % L);
        FloatVector vmax = bc(Float.NEGATIVE_INFINITY);
        for (int i = off; i < vend; i += L) vmax = vmax.max(FloatVector.fromArray(S, x, i));
        float max = vmax.reduceLanes(VectorOperators.MAX); // max is exact in any order
        for (int i = vend; i < end; i++) max = Math.max(max, x[i]);
        FloatVector vsum = FloatVector.zero(S);
        for (int i = off; i < vend; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, x, i).sub(max));
            e.intoArray(x, i);
            vsum = vsum.add(e);
        }
        float sum = sum(vsum);
        for (int i = vend; i < end; i++) {
            float e = KernelMath.exp(x[i] - max);
            x[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = off; i < vend; i += L) FloatVector.fromArray(S, x, i).mul(inv).intoArray(x, i);
        for (int i = vend; i < end; i++) x[i] *= inv;
    }

    // ---- layer norm -----------------------------------------------------------------------------

    @Override
    public void addLayerNorm(float[] x, int xOff, float[] residual, int rOff, int rows, int dim,
                             MemorySegment gamma, MemorySegment beta, float eps, float[] out, int outOff) {
        int dv = dim - dim % L;
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * dim, oo = outOff + r * dim, ro = rOff + r * dim;
            FloatVector vs = FloatVector.zero(S);
            for (int i = 0; i < dv; i += L) {
                FloatVector y = FloatVector.fromArray(S, x, xo + i);
                if (residual != null) y = y.add(FloatVector.fromArray(S, residual, ro + i));
                y.intoArray(out, oo + i);
                vs = vs.add(y);
            }
            float sum = sum(vs);
            for (int i = dv; i < dim; i++) {
                float y = residual == null ? x[xo + i] : x[xo + i] + residual[ro + i];
                out[oo + i] = y;
                sum += y;
            }
            float mean0 = sum / dim;
            FloatVector v1 = FloatVector.zero(S), v2 = v1;
            for (int i = 0; i < dv; i += L) {
                FloatVector d = FloatVector.fromArray(S, out, oo + i).sub(mean0);
                v1 = v1.add(d);
                v2 = d.fma(d, v2);
            }
            float s1 = sum(v1), s2 = sum(v2);
            for (int i = dv; i < dim; i++) {
                float d = out[oo + i] - mean0;
                s1 += d;
                s2 = Math.fma(d, d, s2);
            }
            float shift = s1 / dim;
            float mean = mean0 + shift;
            float rstd = KernelMath.rstd(Math.max(0f, Math.fma(-shift, shift, s2 / dim)), eps);
            for (int i = 0; i < dv; i += L) {
                FloatVector n = FloatVector.fromArray(S, out, oo + i).sub(mean).mul(rstd);
                n.fma(FloatVector.fromMemorySegment(S, gamma, 4L * i, LE), FloatVector.fromMemorySegment(S, beta, 4L * i, LE))
                        .intoArray(out, oo + i);
            }
            for (int i = dv; i < dim; i++) {
                float n = (out[oo + i] - mean) * rstd;
                out[oo + i] = Math.fma(n, gamma.getAtIndex(ScalarKernels.F32, i), beta.getAtIndex(ScalarKernels.F32, i));
            }
        }
    }

    // ---- attention ------------------------------------------------------------------------------

    @Override
    public void attention(float[] qkv, int off, int ld, int qCol, int kCol, int vCol,
                          int seqLen, int headDim, int headFrom, int headTo, float scale,
                          float[] out, int outOff, int ldo, float[] scratch) {
        int dv = headDim - headDim % L;
        for (int h = headFrom; h < headTo; h++) {
            int hd = h * headDim;
            for (int t = 0; t < seqLen; t++) {
                int q = off + t * ld + qCol + hd;
                for (int j = 0; j < seqLen; j++) {
                    int kk = off + j * ld + kCol + hd;
                    FloatVector acc = FloatVector.zero(S);
                    for (int d = 0; d < dv; d += L) {
                        acc = FloatVector.fromArray(S, qkv, q + d).fma(FloatVector.fromArray(S, qkv, kk + d), acc);
                    }
                    float s = sum(acc);
                    for (int d = dv; d < headDim; d++) s = Math.fma(qkv[q + d], qkv[kk + d], s);
                    scratch[j] = s * scale;
                }
                softmax(scratch, 0, seqLen);
                int o = outOff + t * ldo + hd;
                for (int d = 0; d < dv; d += L) {
                    FloatVector acc = FloatVector.zero(S);
                    for (int j = 0; j < seqLen; j++) {
                        acc = FloatVector.fromArray(S, qkv, off + j * ld + vCol + hd + d).fma(bc(scratch[j]), acc);
                    }
                    acc.intoArray(out, o + d);
                }
                for (int d = dv; d < headDim; d++) {
                    float acc = 0f;
                    for (int j = 0; j < seqLen; j++) acc = Math.fma(scratch[j], qkv[off + j * ld + vCol + hd + d], acc);
                    out[o + d] = acc;
                }
            }
        }
    }

    // ---- embeddings -----------------------------------------------------------------------------

    @Override
    public void embeddingSum(int[] ids, int[] typeIds, int[] posIds, int count,
                             MemorySegment word, MemorySegment type, MemorySegment pos, int dim,
                             float[] out, int outOff) {
        int dv = dim - dim % L;
        for (int t = 0; t < count; t++) {
            long wo = 4L * ids[t] * dim, po = 4L * posIds[t] * dim;
            long to = type == null ? 0 : 4L * typeIds[t] * dim;
            int o = outOff + t * dim;
            for (int i = 0; i < dv; i += L) {
                FloatVector e = FloatVector.fromMemorySegment(S, word, wo + 4L * i, LE);
                if (type != null) e = e.add(FloatVector.fromMemorySegment(S, type, to + 4L * i, LE));
                e.add(FloatVector.fromMemorySegment(S, pos, po + 4L * i, LE)).intoArray(out, o + i);
            }
            for (int i = dv; i < dim; i++) {
                float e = word.get(ScalarKernels.F32, wo + 4L * i);
                if (type != null) e += type.get(ScalarKernels.F32, to + 4L * i);
                out[o + i] = e + pos.get(ScalarKernels.F32, po + 4L * i);
            }
        }
    }
}
