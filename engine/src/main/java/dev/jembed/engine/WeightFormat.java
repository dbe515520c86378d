package dev.jembed.engine;

import java.util.Locale;

/**
 * How the Linear weights of a model are stored in memory once loaded, chosen at load time. The model
 * file stays float32; {@link #BF16} and {@link #INT8} are made from it when the weights are packed for the matmul kernel.
 * Activations and accumulation stay float32 in every format: a reduced format changes only the
 * weight values the multiply-adds read, not the order of the operations.
 */
public enum WeightFormat {
    /** The file's float32 values, 4 bytes per weight. */
    F32,
    /** bfloat16 (float32 rounded to nearest-even to 8 mantissa bits), 2 bytes per weight. */
    BF16,
    /**
     * Symmetric int8 with one float32 scale per output row ({@code max|w[j]| / 127}), 1 byte per
     * weight; a weight reads as {@code q * scale[j]}.
     */
    INT8;

    /** Bytes per stored weight. */
    public int bytesPerWeight() {
        return switch (this) {
            case F32 -> 4;
            case BF16 -> 2;
            case INT8 -> 1;
        };
    }

    /** The lower-case name used by options and the command line: {@code f32}, {@code bf16}, {@code int8}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code f32}, {@code bf16} or {@code int8} (any case; {@code fp32}, {@code float32}
     * and {@code bfloat16} too).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static WeightFormat parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "f32", "fp32", "float32" -> F32;
            case "bf16", "bfloat16" -> BF16;
            case "int8", "i8" -> INT8;
            default ->
                throw new IllegalArgumentException("unknown weight format \"" + name + "\"; use f32, bf16 or int8");
        };
    }
}
