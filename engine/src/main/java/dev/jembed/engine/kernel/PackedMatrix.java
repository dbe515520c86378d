package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A Linear weight {@code [n, k]} re-laid out once, at load time, for the register-tiled matmul:
 * column panels of {@link #PANEL} outputs, each stored input-major ({@code [k][PANEL]}), so the
 * micro-kernel reads the weights of consecutive outputs as whole vectors and broadcasts one
 * activation against them. The last panel is padded with zero columns.
 *
 * <p>The layout does not depend on the kernel implementation: any {@link Kernels} accepts any
 * {@code PackedMatrix}. Immutable and thread-safe; a heap copy of {@code 4 n k} bytes.
 */
public final class PackedMatrix {
    /** Outputs per panel; thread work split by columns should be aligned to this. */
    public static final int PANEL = 64;

    private final int n;
    private final int k;
    /** {@code data[(j / PANEL) * k * PANEL + p * PANEL + j % PANEL] = w[j][p]}. */
    final float[] data;

    private PackedMatrix(int n, int k, float[] data) {
        this.n = n;
        this.k = k;
        this.data = data;
    }

    /**
     * Packs a little-endian float32 weight {@code [n, k]} (row-major, starting at byte 0 of {@code w}).
     *
     * @throws IllegalArgumentException if {@code n} or {@code k} is not positive, the padded copy would
     *                                  not fit a Java array, or {@code w} is shorter than {@code 4 n k} bytes
     */
    public static PackedMatrix pack(MemorySegment w, int n, int k) {
        Objects.requireNonNull(w, "w");
        if (n <= 0 || k <= 0) throw new IllegalArgumentException("matrix shape [" + n + ", " + k + "] must be positive");
        long panels = (n + PANEL - 1) / PANEL;
        long size = panels * PANEL * k;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix [" + n + ", " + k + "] is too large to pack into one array");
        }
        if (w.byteSize() < 4L * n * k) {
            throw new IllegalArgumentException("weight segment has " + w.byteSize() + " bytes, [" + n + ", " + k
                    + "] float32 needs " + 4L * n * k);
        }
        float[] data = new float[(int) size];
        for (int j = 0; j < n; j++) {
            int base = (j / PANEL) * k * PANEL + j % PANEL;
            long row = 4L * j * k;
            for (int p = 0; p < k; p++) data[base + p * PANEL] = w.get(ScalarKernels.F32, row + 4L * p);
        }
        return new PackedMatrix(n, k, data);
    }

    /** Outputs (rows of the original weight). */
    public int n() {
        return n;
    }

    /** Inputs (columns of the original weight). */
    public int k() {
        return k;
    }

    /** {@code w[j][p]} of the original weight. */
    public float get(int j, int p) {
        Objects.checkIndex(j, n);
        Objects.checkIndex(p, k);
        return data[(j / PANEL) * k * PANEL + p * PANEL + j % PANEL];
    }

    @Override
    public String toString() {
        return "PackedMatrix[" + n + ", " + k + "]";
    }
}
