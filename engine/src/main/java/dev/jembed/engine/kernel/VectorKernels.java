package dev.jembed.engine.kernel;

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

    private final VectorMatmul matmul;

    /** The kernels for this CPU. */
    VectorKernels() {
        this(TILE_ROWS_DEFAULT);
    }

    /** With a chosen tile height, 1 to 6 rows. */
    VectorKernels(int tileRows) {
        if (tileRows < 1 || tileRows > 6) throw new IllegalArgumentException("tile rows " + tileRows + " not in 1..6");
        this.tileRows = tileRows;
        this.matmul = new VectorMatmul(tileRows);
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
            Dense layer, float[] a, int aOff, int lda, int rows, float[] c, int cOff, int ldc, int colFrom, int colTo) {
        layer.checkColumns(colFrom, colTo);
        if (VectorMatmul.SIMD) {
            matmul.matmul(layer, a, aOff, lda, rows, c, cOff, ldc, colFrom, colTo);
        } else {
            SCALAR.matmul(layer, a, aOff, lda, rows, c, cOff, ldc, colFrom, colTo);
        }
    }

    @Override
    public void addLayerNorm(
            LayerNormWeights norm, float[] x, int xOff, float[] residual, int rOff, int rows, float[] out, int outOff) {
        VectorMath.addLayerNorm(norm, x, xOff, residual, rOff, rows, out, outOff);
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
            AttentionLayout layout, float[] qkv, int off, int seqLen, int h0, int h1, float[] out, int outOff) {
        VectorAttention.attention(layout, qkv, off, seqLen, h0, h1, out, outOff);
    }

    @Override
    public void embeddingSum(
            EmbeddingTables tables, int[] ids, int[] typeIds, int[] posIds, int count, float[] out, int outOff) {
        VectorEmbeddings.embeddingSum(tables, ids, typeIds, posIds, count, out, outOff);
    }
}
