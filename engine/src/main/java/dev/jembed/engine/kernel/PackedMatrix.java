package dev.jembed.engine.kernel;

import dev.jembed.engine.WeightFormat;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A Linear weight {@code [n, k]} re-laid out once, at load time, for the register-tiled matmul:
 * column panels of {@link #PANEL} outputs, each stored input-major ({@code [k][PANEL]}), so the
 * micro-kernel reads the weights of consecutive outputs as whole vectors and broadcasts one
 * activation against them. The last panel is padded with zero columns.
 *
 * <p>The values are stored in a {@link WeightFormat}: float32 (a heap copy of {@code 4 n k} bytes),
 * bfloat16 or int8 with a scale per output row. A reduced format is decoded back to float32 one
 * panel at a time by the matmul, into a per-thread buffer, so every format runs the same float32
 * micro-kernel: the result equals the float32 matmul of the decoded weight {@link #get(int, int)},
 * bit for bit, in every {@link Kernels} implementation.
 *
 * <p>The layout does not depend on the kernel implementation: any {@link Kernels} accepts any
 * {@code PackedMatrix}. Immutable and thread-safe.
 */
public final class PackedMatrix implements WeightMatrix {
    /**
     * Outputs per panel; thread work split by columns should be aligned to this. One micro-kernel tile
     * wide ({@link MicroKernels#COLS} vectors of this CPU's float species: 12, 24 or 48 for 128-, 256-
     * and 512-bit vectors), so a tile streams whole cache lines of its panel; 48 without the Vector API.
     * Fixed for the life of the JVM, so every {@link Kernels} reads the same layout.
     */
    public static final int PANEL = KernelSelection.vectorUsable() ? MicroKernels.COLS * VectorKernels.lanes() : 48;

    /** Elements past the end of the bf16 and int8 arrays that a decoder may read (and ignore). */
    static final int DECODE_PAD = 16;

    private final WeightFormat format;
    private final int n;
    private final int k;
    /** F32 only: {@code data[(j / PANEL) * k * PANEL + p * PANEL + j % PANEL] = w[j][p]}, else null. */
    final float[] data;
    /** BF16 only: the upper 16 bits of each float32, same indexing as {@link #data}, else null. */
    final short[] bf16;
    /** INT8 only: the quantized weights, same indexing as {@link #data}, else null. */
    final byte[] int8;
    /** INT8 only: {@code [panels * PANEL]} scale of output row j (0 for padding), else null. */
    final float[] scales;

    private PackedMatrix(WeightFormat format, int n, int k, float[] data, short[] bf16, byte[] int8, float[] scales) {
        this.format = format;
        this.n = n;
        this.k = k;
        this.data = data;
        this.bf16 = bf16;
        this.int8 = int8;
        this.scales = scales;
    }

    /** {@link #pack(MemorySegment, int, int, WeightFormat)} keeping float32. */
    public static PackedMatrix pack(MemorySegment w, int n, int k) {
        return pack(w, n, k, WeightFormat.F32);
    }

    /**
     * Packs a little-endian float32 weight {@code [n, k]} (row-major, starting at byte 0 of {@code w})
     * in {@code format}.
     *
     * @throws IllegalArgumentException if {@code n} or {@code k} is not positive, the padded copy would
     *                                  not fit a Java array, {@code w} is shorter than {@code 4 n k} bytes,
     *                                  or (INT8) a weight is not finite
     */
    public static PackedMatrix pack(MemorySegment w, int n, int k, WeightFormat format) {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(format, "format");
        if (n <= 0 || k <= 0)
            throw new IllegalArgumentException("matrix shape [" + n + ", " + k + "] must be positive");
        long panels = (n + PANEL - 1) / PANEL;
        long size = panels * PANEL * k;
        if (size > Integer.MAX_VALUE - 8 - DECODE_PAD) {
            throw new IllegalArgumentException("matrix [" + n + ", " + k + "] is too large to pack into one array");
        }
        if (w.byteSize() < 4L * n * k) {
            throw new IllegalArgumentException("weight segment has " + w.byteSize() + " bytes, [" + n + ", " + k
                    + "] float32 needs " + 4L * n * k);
        }
        return switch (format) {
            case F32 -> {
                float[] data = new float[(int) size];
                for (int j = 0; j < n; j++) {
                    int base = index(j, 0, k);
                    long row = 4L * j * k;
                    for (int p = 0; p < k; p++) data[base + p * PANEL] = w.get(ScalarKernels.F32, row + 4L * p);
                }
                yield new PackedMatrix(format, n, k, data, null, null, null);
            }
            case BF16 -> {
                short[] bf16 = new short[(int) size + DECODE_PAD];
                for (int j = 0; j < n; j++) {
                    int base = index(j, 0, k);
                    long row = 4L * j * k;
                    for (int p = 0; p < k; p++) bf16[base + p * PANEL] = toBf16(w.get(ScalarKernels.F32, row + 4L * p));
                }
                yield new PackedMatrix(format, n, k, null, bf16, null, null);
            }
            case INT8 -> {
                byte[] int8 = new byte[(int) size + DECODE_PAD];
                float[] scales = new float[(int) (panels * PANEL)];
                for (int j = 0; j < n; j++) {
                    long row = 4L * j * k;
                    float max = 0f;
                    for (int p = 0; p < k; p++) {
                        float v = w.get(ScalarKernels.F32, row + 4L * p);
                        if (!Float.isFinite(v)) {
                            throw new IllegalArgumentException(
                                    "weight [" + j + ", " + p + "] is " + v + ", int8 needs finite weights");
                        }
                        max = Math.max(max, Math.abs(v));
                    }
                    float scale = max / 127f;
                    scales[j] = scale;
                    int base = index(j, 0, k);
                    for (int p = 0; p < k; p++) {
                        float v = w.get(ScalarKernels.F32, row + 4L * p);
                        int q = scale == 0f ? 0 : Math.round(v / scale);
                        int8[base + p * PANEL] = (byte) Math.max(-127, Math.min(127, q));
                    }
                }
                yield new PackedMatrix(format, n, k, null, null, int8, scales);
            }
        };
    }

    /** Round to nearest even on the 16 dropped bits; NaN stays a (quiet) NaN. */
    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x0040);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    private static int index(int j, int p, int k) {
        return (j / PANEL) * k * PANEL + p * PANEL + j % PANEL;
    }

    /** The storage format of the values. */
    public WeightFormat format() {
        return format;
    }

    /** Outputs (rows of the original weight). */
    @Override
    public int n() {
        return n;
    }

    /** Inputs (columns of the original weight). */
    @Override
    public int k() {
        return k;
    }

    /** Heap bytes of the packed values and scales. */
    public long byteSize() {
        long values = (long) ((n + PANEL - 1) / PANEL) * PANEL * k * format.bytesPerWeight();
        return values + (scales == null ? 0 : 4L * scales.length);
    }

    /** The weight {@code w[j][p]} as the matmul reads it: the float32 value, or the decoded bf16 / int8 one. */
    public float get(int j, int p) {
        Objects.checkIndex(j, n);
        Objects.checkIndex(p, k);
        return value(index(j, p, k), j);
    }

    private float value(int i, int j) {
        return switch (format) {
            case F32 -> data[i];
            case BF16 -> Float.intBitsToFloat(bf16[i] << 16);
            case INT8 -> int8[i] * scales[j];
        };
    }

    /**
     * Writes panel {@code panel} as float32, {@code out[off + p * PANEL + col] = w[panel * PANEL + col][p]},
     * for the reduced formats (scalar code: the reference the Vector API decoder must match).
     */
    void decodePanel(int panel, float[] out, int off) {
        int base = panel * k * PANEL;
        for (int p = 0; p < k; p++) {
            for (int col = 0; col < PANEL; col++)
                out[off + p * PANEL + col] = value(base + p * PANEL + col, panel * PANEL + col);
        }
    }

    @Override
    public String toString() {
        return "PackedMatrix[" + n + ", " + k + ", " + format.id() + "]";
    }
}
