package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API with the preferred float species of the running CPU.
 *
 * <p>Matmul ({@link VectorMatmul}) runs broadcast micro-kernels ({@link MicroKernels}) over
 * {@link PackedMatrix} panels (row-major weights are re-laid panel by panel on the fly into a
 * per-thread buffer): each output is one fused
 * multiply-add chain in input order, exactly as {@link ScalarKernels} computes it, so both give the
 * same bits. Attention computes scores the same way against a transposed copy of K, so no
 * horizontal sum is needed there; softmax and LayerNorm sum lanes with a fixed folding tree, never
 * {@code reduceLanes(ADD)}, whose order is unspecified and differs between interpreter and C2.
 *
 * <p>Performance rule followed throughout: no method that takes or returns a vector is called
 * unless it is a Vector API method. C2 only keeps vectors in registers across inlined calls, and
 * does not reliably inline larger helpers (it may have compiled them on their own during warm-up),
 * which turns every vector into a heap object and costs an order of magnitude. Hence the
 * micro-kernels are generated per row count and the exp/erf code is written inside its loops.
 */
public final class VectorKernels implements Kernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /**
     * Rows per matmul tile: 6 where the CPU has 32 vector registers (x86 with 512-bit vectors, i.e.
     * AVX-512; AArch64), else 3 (AVX2, AVX, SSE: 16 registers); see {@link MicroKernels}. System
     * property {@code jembed.tileRows=3|6} overrides.
     */
    static final int TILE_ROWS_DEFAULT = tileRowsDefault();

    private static final ScalarKernels SCALAR = new ScalarKernels();
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[16]);
    private static final VectorShuffle<Float> FOLD_16 = fold(16);
    private static final VectorShuffle<Float> FOLD_8 = fold(8);
    private static final VectorShuffle<Float> FOLD_4 = fold(4);
    private static final VectorShuffle<Float> FOLD_2 = fold(2);

    /** Rows per micro-kernel tile of this instance (tests exercise both sizes on any machine). */
    private final int tileRows;

    /** The kernels for this CPU. */
    public VectorKernels() {
        this(TILE_ROWS_DEFAULT);
    }

    /** With a chosen tile height, 1 to 6 rows. */
    VectorKernels(int tileRows) {
        if (tileRows < 1 || tileRows > 6) throw new IllegalArgumentException("tile rows " + tileRows + " not in 1..6");
        this.tileRows = tileRows;
    }

    private static int tileRowsDefault() {
        String forced = System.getProperty("jembed.tileRows", "").strip();
        if (forced.equals("3") || forced.equals("6")) return Integer.parseInt(forced);
        if (!forced.isEmpty()) throw new IllegalArgumentException("jembed.tileRows=" + forced + " is not one of: 3, 6");
        boolean aarch64 = System.getProperty("os.arch", "").equals("aarch64");
        return aarch64 || S.vectorBitSize() >= 512 ? 6 : 3;
    }

    /** Lanes of the species in use (1 would mean the Vector API only emulates SIMD). */
    static int lanes() {
        return L;
    }

    @Override
    public String name() {
        return "vector(FloatVector " + S.vectorBitSize() + " bits, " + tileRows + "x" + MicroKernels.COLS + " tiles)";
    }

    @Override
    public String toString() {
        return name();
    }

    private static VectorShuffle<Float> fold(int width) {
        return L >= width ? VectorShuffle.fromOp(S, i -> i ^ (width / 2)) : null;
    }

    // ---- matmul (VectorMatmul, MicroKernels) ---------------------------------------------------

    @Override
    public void matmul(float[] a, int aOff, int lda, int rows, int k,
                       MemorySegment w, MemorySegment bias, Activation act,
                       float[] c, int cOff, int ldc, int colFrom, int colTo) {
        if (colFrom < 0 || colFrom > colTo || 4L * colTo * k > w.byteSize()) {
            throw new IndexOutOfBoundsException("columns [" + colFrom + ", " + colTo + ") of a weight with k = " + k
                    + " in " + w.byteSize() + " bytes");
        }
        if (!VectorMatmul.SIMD) {
            SCALAR.matmul(a, aOff, lda, rows, k, w, bias, act, c, cOff, ldc, colFrom, colTo);
            return;
        }
        VectorMatmul.rowMajor(tileRows, a, aOff, lda, rows, k, w, bias, act, c, cOff, ldc, colFrom, colTo);
    }

    @Override
    public void matmul(float[] a, int aOff, int lda, int rows, PackedMatrix w, MemorySegment bias, Activation act,
                       float[] c, int cOff, int ldc, int colFrom, int colTo) {
        if (colFrom < 0 || colTo > w.n() || colFrom > colTo) {
            throw new IndexOutOfBoundsException("columns [" + colFrom + ", " + colTo + ") of " + w);
        }
        if (!VectorMatmul.SIMD) {
            SCALAR.matmul(a, aOff, lda, rows, w, bias, act, c, cOff, ldc, colFrom, colTo);
            return;
        }
        VectorMatmul.packed(tileRows, a, aOff, lda, rows, w, bias, act, c, cOff, ldc, colFrom, colTo);
    }

    // ---- element-wise ---------------------------------------------------------------------------

    @Override
    public void activate(float[] x, int off, int len, Activation act) {
        activateRange(x, off, off + len, act);
    }

    static void activateRange(float[] x, int from, int to, Activation act) {
        switch (act) {
            case NONE -> { }
            case GELU -> gelu(x, from, to);
            case GELU_TANH -> geluTanh(x, from, to);
        }
    }

    /** {@link KernelMath#gelu} on {@code x[from, to)}, the same steps lane-wise. */
    static void gelu(float[] x, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector xc = v.mul(KernelMath.SQRT1_2).max(-KernelMath.ERF_CLAMP).min(KernelMath.ERF_CLAMP);
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

    /** {@link KernelMath#geluTanh} on {@code x[from, to)}, the same steps lane-wise. */
    static void geluTanh(float[] x, int from, int to) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector x3 = v.mul(v).mul(v);
            FloatVector u = x3.fma(FloatVector.broadcast(S, KernelMath.GELU_TANH_K), v).mul(KernelMath.GELU_TANH_C);
            FloatVector arg = u.mul(-2f);
            // KernelMath.exp, step for step
            VectorMask<Float> under = arg.compare(VectorOperators.LT, KernelMath.EXP_LO);
            FloatVector xc = arg.min(KernelMath.EXP_HI);
            FloatVector t = xc.fma(KernelMath.LOG2E, KernelMath.ROUND_MAGIC);
            FloatVector n = t.sub(KernelMath.ROUND_MAGIC);
            FloatVector r = n.fma(FloatVector.broadcast(S, -KernelMath.LN2_HI), xc);
            r = n.fma(FloatVector.broadcast(S, -KernelMath.LN2_LO), r);
            FloatVector poly = FloatVector.broadcast(S, KernelMath.EXP_P0).fma(r, FloatVector.broadcast(S, KernelMath.EXP_P1));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P2));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P3));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P4));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P5));
            FloatVector y = poly.fma(r.mul(r), r).add(1f);
            FloatVector scale2n = t.viewAsIntegralLanes().add(127 - KernelMath.ROUND_MAGIC_BITS)
                    .lanewise(VectorOperators.LSHL, 23).viewAsFloatingLanes();
            FloatVector e = y.mul(scale2n).blend(0f, under);
            v.div(e.add(1f)).intoArray(x, i);
        }
        for (; i < to; i++) x[i] = KernelMath.geluTanh(x[i]);
    }

    /** {@code x[i] = exp(x[i] - shift)} on {@code [from, to)} ({@link KernelMath#exp}, lane-wise); returns the sum. */
    static float expShifted(float[] x, int from, int to, float shift) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector arg = FloatVector.fromArray(S, x, i).sub(shift);
            // KernelMath.exp, step for step
            VectorMask<Float> under = arg.compare(VectorOperators.LT, KernelMath.EXP_LO);
            FloatVector xc = arg.min(KernelMath.EXP_HI);
            FloatVector t = xc.fma(KernelMath.LOG2E, KernelMath.ROUND_MAGIC);
            FloatVector n = t.sub(KernelMath.ROUND_MAGIC);
            FloatVector r = n.fma(FloatVector.broadcast(S, -KernelMath.LN2_HI), xc);
            r = n.fma(FloatVector.broadcast(S, -KernelMath.LN2_LO), r);
            FloatVector poly = FloatVector.broadcast(S, KernelMath.EXP_P0).fma(r, FloatVector.broadcast(S, KernelMath.EXP_P1));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P2));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P3));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P4));
            poly = poly.fma(r, FloatVector.broadcast(S, KernelMath.EXP_P5));
            FloatVector y = poly.fma(r.mul(r), r).add(1f);
            FloatVector scale2n = t.viewAsIntegralLanes().add(127 - KernelMath.ROUND_MAGIC_BITS)
                    .lanewise(VectorOperators.LSHL, 23).viewAsFloatingLanes();
            FloatVector e = y.mul(scale2n).blend(0f, under);
            e.intoArray(x, i);
        }
        for (; i < to; i++) x[i] = KernelMath.exp(x[i] - shift);
        return sum16(x, from, to, 0f, false);
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
                FloatVector d0 = FloatVector.fromArray(S, x, i).sub(center), d1 = FloatVector.fromArray(S, x, i + 8).sub(center);
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
                FloatVector d0 = FloatVector.fromArray(S, x, i).sub(center), d1 = FloatVector.fromArray(S, x, i + 4).sub(center);
                FloatVector d2 = FloatVector.fromArray(S, x, i + 8).sub(center), d3 = FloatVector.fromArray(S, x, i + 12).sub(center);
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
        java.util.Arrays.fill(lanes, 0f);
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

    // ---- softmax --------------------------------------------------------------------------------

    @Override
    public void softmax(float[] x, int off, int len) {
        int end = off + len, i = off;
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; i + L <= end; i += L) vmax = vmax.max(FloatVector.fromArray(S, x, i));
        float max = vmax.reduceLanes(VectorOperators.MAX); // exact in any order
        for (; i < end; i++) max = Math.max(max, x[i]);
        float inv = 1f / expShifted(x, off, end, max);
        for (i = off; i + L <= end; i += L) FloatVector.fromArray(S, x, i).mul(inv).intoArray(x, i);
        for (; i < end; i++) x[i] *= inv;
    }

    // ---- layer norm -----------------------------------------------------------------------------

    @Override
    public void addLayerNorm(float[] x, int xOff, float[] residual, int rOff, int rows, int dim,
                             MemorySegment gamma, MemorySegment beta, float eps, float[] out, int outOff) {
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
        // per thread: K of one head transposed (kt[d * kl + j] = k[j][d], zero-padded to whole vectors),
        // then four rows of probabilities
        int kl = (seqLen + L - 1) / L * L;
        float[] buf = ThreadScratch.floats((headDim + 4) * kl);
        int probs = headDim * kl;
        for (int h = headFrom; h < headTo; h++) {
            int hd = h * headDim;
            for (int j = 0; j < seqLen; j++) {
                int kj = off + j * ld + kCol + hd;
                for (int d = 0; d < headDim; d++) buf[d * kl + j] = qkv[kj + d];
            }
            for (int d = 0; d < headDim; d++) {
                for (int j = seqLen; j < kl; j++) buf[d * kl + j] = 0f;
            }
            int q = off + qCol + hd, v = off + vCol + hd, o = outOff + hd;
            int t = 0;
            for (; t + 4 <= seqLen; t += 4) {
                scores4(qkv, q + t * ld, ld, buf, kl, headDim, scale, probs);
                for (int i = 0; i < 4; i++) softmax(buf, probs + i * kl, seqLen);
                context4(qkv, v, ld, buf, probs, kl, seqLen, headDim, out, o + t * ldo, ldo);
            }
            for (; t < seqLen; t++) {
                scores1(qkv, q + t * ld, buf, kl, headDim, scale, probs);
                softmax(buf, probs, seqLen);
                context1(qkv, v, ld, buf, probs, seqLen, headDim, out, o + t * ldo);
            }
        }
    }

    /**
     * Scores of four consecutive queries (rows {@code q + i*ld}) against all keys into
     * {@code buf[probs + i*kl + j]}: each one fma chain over d, then times scale; 8 chains in flight.
     */
    private static void scores4(float[] qkv, int q, int ld, float[] buf, int kl, int headDim, float scale, int probs) {
        int q1 = q + ld, q2 = q1 + ld, q3 = q2 + ld;
        int j = 0;
        for (; j + 2 * L <= kl; j += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            for (int d = 0, kd = j; d < headDim; d++, kd += kl) {
                FloatVector k0 = FloatVector.fromArray(S, buf, kd), k1 = FloatVector.fromArray(S, buf, kd + L);
                FloatVector x = FloatVector.broadcast(S, qkv[q + d]);
                a0 = x.fma(k0, a0);
                b0 = x.fma(k1, b0);
                x = FloatVector.broadcast(S, qkv[q1 + d]);
                a1 = x.fma(k0, a1);
                b1 = x.fma(k1, b1);
                x = FloatVector.broadcast(S, qkv[q2 + d]);
                a2 = x.fma(k0, a2);
                b2 = x.fma(k1, b2);
                x = FloatVector.broadcast(S, qkv[q3 + d]);
                a3 = x.fma(k0, a3);
                b3 = x.fma(k1, b3);
            }
            a0.mul(scale).intoArray(buf, probs + j);
            b0.mul(scale).intoArray(buf, probs + j + L);
            a1.mul(scale).intoArray(buf, probs + kl + j);
            b1.mul(scale).intoArray(buf, probs + kl + j + L);
            a2.mul(scale).intoArray(buf, probs + 2 * kl + j);
            b2.mul(scale).intoArray(buf, probs + 2 * kl + j + L);
            a3.mul(scale).intoArray(buf, probs + 3 * kl + j);
            b3.mul(scale).intoArray(buf, probs + 3 * kl + j + L);
        }
        if (j < kl) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int d = 0, kd = j; d < headDim; d++, kd += kl) {
                FloatVector k0 = FloatVector.fromArray(S, buf, kd);
                a0 = FloatVector.broadcast(S, qkv[q + d]).fma(k0, a0);
                a1 = FloatVector.broadcast(S, qkv[q1 + d]).fma(k0, a1);
                a2 = FloatVector.broadcast(S, qkv[q2 + d]).fma(k0, a2);
                a3 = FloatVector.broadcast(S, qkv[q3 + d]).fma(k0, a3);
            }
            a0.mul(scale).intoArray(buf, probs + j);
            a1.mul(scale).intoArray(buf, probs + kl + j);
            a2.mul(scale).intoArray(buf, probs + 2 * kl + j);
            a3.mul(scale).intoArray(buf, probs + 3 * kl + j);
        }
    }

    /** {@link #scores4} for one query. */
    private static void scores1(float[] qkv, int q, float[] buf, int kl, int headDim, float scale, int probs) {
        int j = 0;
        for (; j + 2 * L <= kl; j += 2 * L) {
            FloatVector a = FloatVector.zero(S), b = a;
            for (int d = 0, kd = j; d < headDim; d++, kd += kl) {
                FloatVector x = FloatVector.broadcast(S, qkv[q + d]);
                a = x.fma(FloatVector.fromArray(S, buf, kd), a);
                b = x.fma(FloatVector.fromArray(S, buf, kd + L), b);
            }
            a.mul(scale).intoArray(buf, probs + j);
            b.mul(scale).intoArray(buf, probs + j + L);
        }
        if (j < kl) {
            FloatVector a = FloatVector.zero(S);
            for (int d = 0, kd = j; d < headDim; d++, kd += kl) {
                a = FloatVector.broadcast(S, qkv[q + d]).fma(FloatVector.fromArray(S, buf, kd), a);
            }
            a.mul(scale).intoArray(buf, probs + j);
        }
    }

    /**
     * Context of four consecutive queries: {@code out[o + i*ldo + d] = sum_j p_i[j] v[j][d]}, one fma
     * chain over j per element, 8 chains in flight when the head has two whole vectors.
     */
    private static void context4(float[] qkv, int v, int ld, float[] buf, int probs, int kl, int seqLen, int headDim,
                                 float[] out, int o, int ldo) {
        int p1 = probs + kl, p2 = p1 + kl, p3 = p2 + kl;
        int d = 0;
        for (; d + 2 * L <= headDim; d += 2 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
            for (int j = 0, vj = v + d; j < seqLen; j++, vj += ld) {
                FloatVector v0 = FloatVector.fromArray(S, qkv, vj), v1 = FloatVector.fromArray(S, qkv, vj + L);
                FloatVector p = FloatVector.broadcast(S, buf[probs + j]);
                a0 = p.fma(v0, a0);
                b0 = p.fma(v1, b0);
                p = FloatVector.broadcast(S, buf[p1 + j]);
                a1 = p.fma(v0, a1);
                b1 = p.fma(v1, b1);
                p = FloatVector.broadcast(S, buf[p2 + j]);
                a2 = p.fma(v0, a2);
                b2 = p.fma(v1, b2);
                p = FloatVector.broadcast(S, buf[p3 + j]);
                a3 = p.fma(v0, a3);
                b3 = p.fma(v1, b3);
            }
            a0.intoArray(out, o + d);
            b0.intoArray(out, o + d + L);
            a1.intoArray(out, o + ldo + d);
            b1.intoArray(out, o + ldo + d + L);
            a2.intoArray(out, o + 2 * ldo + d);
            b2.intoArray(out, o + 2 * ldo + d + L);
            a3.intoArray(out, o + 3 * ldo + d);
            b3.intoArray(out, o + 3 * ldo + d + L);
        }
        if (d + L <= headDim) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0, vj = v + d; j < seqLen; j++, vj += ld) {
                FloatVector v0 = FloatVector.fromArray(S, qkv, vj);
                a0 = FloatVector.broadcast(S, buf[probs + j]).fma(v0, a0);
                a1 = FloatVector.broadcast(S, buf[p1 + j]).fma(v0, a1);
                a2 = FloatVector.broadcast(S, buf[p2 + j]).fma(v0, a2);
                a3 = FloatVector.broadcast(S, buf[p3 + j]).fma(v0, a3);
            }
            a0.intoArray(out, o + d);
            a1.intoArray(out, o + ldo + d);
            a2.intoArray(out, o + 2 * ldo + d);
            a3.intoArray(out, o + 3 * ldo + d);
            d += L;
        }
        for (int i = 0; i < 4; i++) contextTail(qkv, v, ld, buf, probs + i * kl, seqLen, d, headDim, out, o + i * ldo);
    }

    /** {@link #context4} for one query. */
    private static void context1(float[] qkv, int v, int ld, float[] buf, int probs, int seqLen, int headDim,
                                 float[] out, int o) {
        int d = 0;
        for (; d + L <= headDim; d += L) {
            FloatVector a = FloatVector.zero(S);
            for (int j = 0, vj = v + d; j < seqLen; j++, vj += ld) {
                a = FloatVector.broadcast(S, buf[probs + j]).fma(FloatVector.fromArray(S, qkv, vj), a);
            }
            a.intoArray(out, o + d);
        }
        contextTail(qkv, v, ld, buf, probs, seqLen, d, headDim, out, o);
    }

    /** Elements {@code [d0, headDim)} of one query's context, scalar, in the same order. */
    private static void contextTail(float[] qkv, int v, int ld, float[] buf, int probs, int seqLen, int d0, int headDim,
                                    float[] out, int o) {
        for (int d = d0; d < headDim; d++) {
            float acc = 0f;
            for (int j = 0; j < seqLen; j++) acc = Math.fma(buf[probs + j], qkv[v + j * ld + d], acc);
            out[o + d] = acc;
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
