package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A little-endian float32 weight {@code [n, k]}, row-major from byte 0 of {@code data} (a slice of a
 * mapped file or a heap array), read as it is: the matmul re-lays it panel by panel on every call,
 * so it suits one-off products and benchmarks; pack weights used more than once ({@link PackedMatrix}).
 *
 * @param data at least {@code 4 n k} bytes
 */
public record RowMajorMatrix(MemorySegment data, int n, int k) implements WeightMatrix {

    /**
     * Checks the shape against the segment.
     *
     * @throws IllegalArgumentException if {@code n} or {@code k} is not positive or {@code data} is
     *                                  shorter than {@code 4 n k} bytes
     */
    public RowMajorMatrix {
        Objects.requireNonNull(data, "data");
        if (n <= 0 || k <= 0)
            throw new IllegalArgumentException("matrix shape [" + n + ", " + k + "] must be positive");
        if (data.byteSize() < 4L * n * k) {
            throw new IllegalArgumentException("weight segment has " + data.byteSize() + " bytes, [" + n + ", " + k
                    + "] float32 needs " + 4L * n * k);
        }
    }

    /**
     * Writes columns {@code [from, to)} of the panel that starts at column {@code pj} in the
     * {@link PackedMatrix} panel layout, {@code out[off + j - pj + p * PANEL] = w[j][p]}, and zeros for
     * the columns {@code [to, end)} (never read from {@code data}).
     */
    void relayPanel(int pj, int from, int to, int end, float[] out, int off) {
        int panel = PackedMatrix.PANEL;
        for (int j = from; j < end; j++) {
            int col = off + j - pj;
            if (j < to) {
                long row = 4L * j * k;
                for (int p = 0; p < k; p++) out[col + p * panel] = data.get(ScalarKernels.F32, row + 4L * p);
            } else {
                for (int p = 0; p < k; p++) out[col + p * panel] = 0f;
            }
        }
    }
}
