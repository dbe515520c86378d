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

    private VectorMatmul() {}

    /** Row-major weight {@code [n, k]}: each panel is re-laid into the per-thread buffer, then as packed. */
    static void rowMajor(
            int tileRows,
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
        float[] buf = ThreadScratch.floats(EDGE + k * PANEL);
        for (int pj = colFrom - colFrom % PANEL; pj < colTo; pj += PANEL) {
            // re-lay only the tiles this call computes; columns past colTo are zero (never read from w)
            int t0 = Math.max(pj, colFrom - (colFrom - pj) % TILE_COLS), t1 = Math.min(pj + PANEL, ceilTile(pj, colTo));
            for (int j = t0; j < t1; j++) {
                int col = EDGE + j - pj;
                if (j < colTo) {
                    long row = 4L * j * k;
                    for (int p = 0; p < k; p++) buf[col + p * PANEL] = w.get(ScalarKernels.F32, row + 4L * p);
                } else {
                    for (int p = 0; p < k; p++) buf[col + p * PANEL] = 0f;
                }
            }
            panel(tileRows, a, aOff, lda, rows, k, buf, EDGE - pj, buf, c, cOff, ldc, pj, colFrom, colTo);
            epilogue(rows, c, cOff, ldc, Math.max(pj, colFrom), Math.min(colTo, pj + PANEL), bias, act);
        }
    }

    /** Packed weight: float32 panels are read in place, reduced formats decoded once per panel and call. */
    static void packed(
            int tileRows,
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
        int k = w.k(), panelSize = k * PANEL;
        float[] buf = ThreadScratch.floats(EDGE + (w.data == null ? panelSize : 0));
        for (int pj = colFrom - colFrom % PANEL; pj < colTo; pj += PANEL) {
            if (w.data != null) {
                panel(
                        tileRows,
                        a,
                        aOff,
                        lda,
                        rows,
                        k,
                        w.data,
                        (pj / PANEL) * panelSize - pj,
                        buf,
                        c,
                        cOff,
                        ldc,
                        pj,
                        colFrom,
                        colTo);
            } else {
                VectorDecode.decodePanel(w, pj / PANEL, buf, EDGE);
                panel(tileRows, a, aOff, lda, rows, k, buf, EDGE - pj, buf, c, cOff, ldc, pj, colFrom, colTo);
            }
            epilogue(rows, c, cOff, ldc, Math.max(pj, colFrom), Math.min(colTo, pj + PANEL), bias, act);
        }
    }

    private static int ceilTile(int pj, int j) {
        return pj + (j - pj + TILE_COLS - 1) / TILE_COLS * TILE_COLS;
    }

    /**
     * Raw sums of the panel starting at column pj for all rows, tile by tile; the weight of column j,
     * input p is {@code wd[wp + j + p * PANEL]}. {@code edge[0 .. EDGE)} takes tiles that are only
     * partly wanted.
     */
    private static void panel(
            int tileRows,
            float[] a,
            int aOff,
            int lda,
            int rows,
            int k,
            float[] wd,
            int wp,
            float[] edge,
            float[] c,
            int cOff,
            int ldc,
            int pj,
            int colFrom,
            int colTo) {
        int end = Math.min(pj + PANEL, colTo);
        for (int j = Math.max(pj, colFrom - (colFrom - pj) % TILE_COLS); j < end; j += TILE_COLS) {
            boolean whole = j >= colFrom && j + TILE_COLS <= colTo;
            for (int r = 0; r < rows; ) {
                int m = Math.min(tileRows, rows - r);
                int ar = aOff + r * lda;
                if (whole) {
                    tile(m, a, ar, lda, k, wd, wp + j, c, cOff + r * ldc + j, ldc);
                } else {
                    tile(m, a, ar, lda, k, wd, wp + j, edge, 0, TILE_COLS);
                    int from = Math.max(j, colFrom), to = Math.min(j + TILE_COLS, colTo);
                    for (int i = 0; i < m; i++) {
                        System.arraycopy(edge, i * TILE_COLS + from - j, c, cOff + (r + i) * ldc + from, to - from);
                    }
                }
                r += m;
            }
        }
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
    private static void epilogue(
            int rows, float[] c, int cOff, int ldc, int j0, int j1, MemorySegment bias, Activation act) {
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
