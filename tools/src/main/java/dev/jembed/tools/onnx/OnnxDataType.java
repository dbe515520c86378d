package dev.jembed.tools.onnx;

import java.util.Optional;

/** ONNX {@code TensorProto.DataType} codes the importer knows, with element sizes and safetensors equivalents. */
public enum OnnxDataType {
    FLOAT(1, 4, "F32"),
    UINT8(2, 1, "U8"),
    INT8(3, 1, "I8"),
    UINT16(4, 2, "U16"),
    INT16(5, 2, "I16"),
    INT32(6, 4, "I32"),
    INT64(7, 8, "I64"),
    BOOL(9, 1, "BOOL"),
    FLOAT16(10, 2, "F16"),
    DOUBLE(11, 8, "F64"),
    UINT32(12, 4, "U32"),
    UINT64(13, 8, "U64"),
    BFLOAT16(16, 2, "BF16");

    private final int code;
    private final int bytes;
    private final String safetensors;

    OnnxDataType(int code, int bytes, String safetensors) {
        this.code = code;
        this.bytes = bytes;
        this.safetensors = safetensors;
    }

    /** Bytes per element. */
    public int byteSize() {
        return bytes;
    }

    /** The safetensors dtype with the same element encoding, as a header spells it ({@code "F32"}, ...). */
    public String safetensors() {
        return safetensors;
    }

    /** The type for an ONNX data_type code, if supported (strings, complex and float8 types are not). */
    public static Optional<OnnxDataType> of(int code) {
        for (OnnxDataType t : values()) {
            if (t.code == code) return Optional.of(t);
        }
        return Optional.empty();
    }
}
