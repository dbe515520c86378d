package dev.jembed.engine.onnx;

import dev.jembed.engine.safetensors.DType;

import java.util.Optional;

/** ONNX {@code TensorProto.DataType} codes the importer knows, with element sizes and safetensors equivalents. */
public enum OnnxDataType {
    FLOAT(1, 4, DType.F32), UINT8(2, 1, DType.U8), INT8(3, 1, DType.I8), UINT16(4, 2, DType.U16),
    INT16(5, 2, DType.I16), INT32(6, 4, DType.I32), INT64(7, 8, DType.I64), BOOL(9, 1, DType.BOOL),
    FLOAT16(10, 2, DType.F16), DOUBLE(11, 8, DType.F64), UINT32(12, 4, DType.U32), UINT64(13, 8, DType.U64),
    BFLOAT16(16, 2, DType.BF16);

    private final int code;
    private final int bytes;
    private final DType safetensors;

    OnnxDataType(int code, int bytes, DType safetensors) {
        this.code = code;
        this.bytes = bytes;
        this.safetensors = safetensors;
    }

    /** Bytes per element. */
    public int byteSize() {
        return bytes;
    }

    /** The safetensors dtype with the same element encoding. */
    public DType safetensors() {
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
