package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API matmul of {@link VectorKernels}: walks {@link PackedMatrix} panels, runs the
 * {@link MicroKernels} tile that fits this CPU's register file over each row group and column tile,
 * then adds the bias and applies the activation ({@link VectorMath#activate}); reduced-precision
 * panels are decoded by {@link VectorDecode}. Tiles that straddle the requested column range are
 * computed whole into a per-thread buffer and only their wanted columns copied out, so the
 * micro-kernels have one unmasked store path.
 */
final class VectorMatmul {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;
    private static final int PANEL = PackedMatrix.PANEL;
    /** Output columns of one micro-kernel tile. */
    static final int TILE_COLS = MicroKernels.COLS * L;
    /** The SIMD path needs whole tiles per panel; otherwise the scalar twin runs (same bits). */
    static final boolean SIMD = L > 1 && PANEL % TILE_COLS == 0;

    private static final int EDGE = 6 * TILE_COLS;

    /** Rows per micro-kernel tile, 1 to 6. */
    private final int tileRows;

    VectorMatmul(int tileRows) {
        this.tileRows = tileRows;
    }

    /**
     * See {@link Kernels#matmul}. Panel by panel: the weights of a packed float32 panel are read in
     * place; a bf16 / int8 panel is decoded, and a row-major weight re-laid (only the tiles this call
     * computes; columns past colTo are zero, never read from the weight), into the per-thread buffer
     * at {@code EDGE}. Then the raw sums of each tile for all rows, the weight of column j, input p
     * being {@code wd[wp + j + p * PANEL]}; {@code buf[0 .. EDGE)} takes tiles that are only partly
     * wanted. Then bias and activation.
     */
    void matmul(
            Dense layer, float[] a, int aOff, int lda, int rows, float[] c, int cOff, int ldc, int colFrom, int colTo) {
        int tileRows = this.tileRows;
        WeightMatrix w = layer.weight();
        int k = w.k(), panelSize = k * PANEL;
        float[] f32 = w instanceof PackedMatrix p ? p.data : null;
        float[] buf = ThreadScratch.floats(EDGE + (f32 == null ? panelSize : 0));
        for (int pj = colFrom - colFrom % PANEL; pj < colTo; pj += PANEL) {
            int first = Math.max(pj, colFrom - (colFrom - pj) % TILE_COLS), end = Math.min(pj + PANEL, colTo);
            float[] wd = f32;
            int wp = (pj / PANEL) * panelSize - pj;
            if (f32 == null) {
                wd = buf;
                wp = EDGE - pj;
                switch (w) {
                    case PackedMatrix p -> VectorDecode.decodePanel(p, pj / PANEL, buf, EDGE);
                    case RowMajorMatrix m -> {
                        int t1 = Math.min(pj + PANEL, ceilTile(pj, colTo));
                        m.relayPanel(pj, first, Math.min(t1, colTo), t1, buf, EDGE);
                    }
                }
            }
            for (int j = first; j < end; j += TILE_COLS) {
                boolean whole = j >= colFrom && j + TILE_COLS <= colTo;
                for (int r = 0; r < rows; ) {
                    int m = Math.min(tileRows, rows - r);
                    int ar = aOff + r * lda;
                    if (whole) {
                        tile(m, a, ar, lda, k, wd, wp + j, c, cOff + r * ldc + j, ldc);
                    } else {
                        tile(m, a, ar, lda, k, wd, wp + j, buf, 0, TILE_COLS);
                        int from = Math.max(j, colFrom), to = Math.min(j + TILE_COLS, colTo);
                        for (int i = 0; i < m; i++) {
                            System.arraycopy(buf, i * TILE_COLS + from - j, c, cOff + (r + i) * ldc + from, to - from);
                        }
                    }
                    r += m;
                }
            }
            epilogue(layer, rows, c, cOff, ldc, Math.max(pj, colFrom), end);
        }
    }

    private static int ceilTile(int pj, int j) {
        return pj + (j - pj + TILE_COLS - 1) / TILE_COLS * TILE_COLS;
    }

    private static void tile(int m, float[] a, int ar, int lda, int k, float[] w, int wb, float[] c, int cr, int ldc) {
        switch (m) {
            case 6 -> MicroKernels.tile6(a, ar, lda, k, w, wb, c, cr, ldc);
            case 5 -> MicroKernels.tile5(a, ar, lda, k, w, wb, c, cr, ldc);
            case 4 -> MicroKernels.tile4(a, ar, lda, k, w, wb, c, cr, ldc);
            case 3 -> MicroKernels.tile3(a, ar, lda, k, w, wb, c, cr, ldc);
            case 2 -> MicroKernels.tile2(a, ar, lda, k, w, wb, c, cr, ldc);
            default -> MicroKernels.tile1(a, ar, lda, k, w, wb, c, cr, ldc);
        }
    }

    /** Bias then activation on columns {@code [j0, j1)} of every row, element by element as the scalar twin. */
    private static void epilogue(Dense layer, int rows, float[] c, int cOff, int ldc, int j0, int j1) {
        MemorySegment bias = layer.bias();
        Activation act = layer.act();
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            if (bias != null) {
                int j = j0;
                for (; j + L <= j1; j += L) {
                    FloatVector.fromArray(S, c, row + j)
                            .add(FloatVector.fromMemorySegment(S, bias, 4L * j, VectorKernels.LE))
                            .intoArray(c, row + j);
                }
                for (; j < j1; j++) c[row + j] += bias.getAtIndex(ScalarKernels.F32, j);
            }
            VectorMath.activate(c, row + j0, row + j1, act);
        }
    }
}
