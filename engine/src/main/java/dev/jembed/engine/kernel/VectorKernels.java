package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API with the preferred float species of the running CPU. This class
 * checks arguments and dispatches; each job has its own class: {@link VectorMatmul} (with the
 * generated {@link MicroKernels} and {@link VectorDecode} for bf16 / int8 panels),
 * {@link VectorAttention}, {@link VectorMath} (exp, GELU, softmax, LayerNorm) and
 * {@link VectorEmbeddings}. Each has its scalar twin in {@link ScalarKernels} / {@link KernelMath}.
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
 * micro-kernels are generated per row count, and exp and erf are written out inside array loops.
 */
final class VectorKernels implements Kernels {
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

    /** Rows per micro-kernel tile of this instance (tests exercise both sizes on any machine). */
    private final int tileRows;

    /** The kernels for this CPU. */
    VectorKernels() {
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
    public boolean simd() {
        return true;
    }

    @Override
    public String name() {
        return "vector(FloatVector " + S.vectorBitSize() + " bits, " + tileRows + "x" + MicroKernels.COLS + " tiles)";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public void matmul(
            float[] a,
            int aOff,
            int lda,
            int rows,
            int k,
            MemorySegment w,
            MemorySegment bias,
            Activation act,
            float[] c,
            int cOff,
            int ldc,
            int colFrom,
            int colTo) {
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
    public void matmul(
            float[] a,
            int aOff,
            int lda,
            int rows,
            PackedMatrix w,
            MemorySegment bias,
            Activation act,
            float[] c,
            int cOff,
            int ldc,
            int colFrom,
            int colTo) {
        if (colFrom < 0 || colTo > w.n() || colFrom > colTo) {
            throw new IndexOutOfBoundsException("columns [" + colFrom + ", " + colTo + ") of " + w);
        }
        if (!VectorMatmul.SIMD) {
            SCALAR.matmul(a, aOff, lda, rows, w, bias, act, c, cOff, ldc, colFrom, colTo);
            return;
        }
        VectorMatmul.packed(tileRows, a, aOff, lda, rows, w, bias, act, c, cOff, ldc, colFrom, colTo);
    }

    @Override
    public void addLayerNorm(
            float[] x,
            int xOff,
            float[] residual,
            int rOff,
            int rows,
            int dim,
            MemorySegment gamma,
            MemorySegment beta,
            float eps,
            float[] out,
            int outOff) {
        VectorMath.addLayerNorm(x, xOff, residual, rOff, rows, dim, gamma, beta, eps, out, outOff);
    }

    @Override
    public void softmax(float[] x, int off, int len) {
        VectorMath.softmax(x, off, len);
    }

    @Override
    public void activate(float[] x, int off, int len, Activation act) {
        VectorMath.activate(x, off, off + len, act);
    }

    @Override
    public void attention(
            float[] qkv,
            int off,
            int ld,
            int qCol,
            int kCol,
            int vCol,
            int seqLen,
            int headDim,
            int headFrom,
            int headTo,
            float scale,
            float[] out,
            int outOff,
            int ldo,
            float[] scratch) {
        VectorAttention.attention(
                qkv, off, ld, qCol, kCol, vCol, seqLen, headDim, headFrom, headTo, scale, out, outOff, ldo);
    }

    @Override
    public void embeddingSum(
            int[] ids,
            int[] typeIds,
            int[] posIds,
            int count,
            MemorySegment word,
            MemorySegment type,
            MemorySegment pos,
            int dim,
            float[] out,
            int outOff) {
        VectorEmbeddings.embeddingSum(ids, typeIds, posIds, count, word, type, pos, dim, out, outOff);
    }
}
