package dev.jembed.engine.safetensors;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types of the safetensors format, with their sizes in bytes.
 *
 * <p>Declared in the order of the reference Rust library's {@code Dtype} enum: writers sort tensors
 * by this order descending (largest alignment first), so the order is part of the byte layout.
 * Sub-byte types (F4, F6) are not listed: a file using them is rejected as an unknown dtype.
 */
public enum DType {
    BOOL(1),
    U8(1),
    I8(1),
    F8_E5M2(1),
    F8_E4M3(1),
    F8_E8M0(1),
    I16(2),
    U16(2),
    F16(2),
    BF16(2),
    I32(4),
    U32(4),
    F32(4),
    C64(8),
    F64(8),
    I64(8),
    U64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int byteSize() {
        return bytes;
    }

    /** True for the types the engine reads as weights (converted to float32 when needed). */
    public boolean isWeight() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The dtype spelled as in a safetensors header ("F32", "BF16", ...), if it is one. */
    public static Optional<DType> parse(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) return Optional.of(t);
        }
        return Optional.empty();
    }

    /** All dtype names, for error messages. */
    static String known() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
