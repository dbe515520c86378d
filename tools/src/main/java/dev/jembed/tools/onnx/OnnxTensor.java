package dev.jembed.tools.onnx;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An ONNX initializer: name, element type, dims and its little-endian bytes (a zero-copy slice of
 * the file when the exporter used {@code raw_data}, a converted copy for typed fields).
 */
public record OnnxTensor(String name, OnnxDataType type, long[] dims, MemorySegment data) {

    public OnnxTensor {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxTensor t
                && name.equals(t.name)
                && type == t.type
                && Arrays.equals(dims, t.dims)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "OnnxTensor[" + name + " " + type + " " + Arrays.toString(dims) + "]";
    }
}
