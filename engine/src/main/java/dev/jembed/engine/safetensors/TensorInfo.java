package dev.jembed.engine.safetensors;

import java.util.Arrays;

/**
 * One entry of a safetensors header: name, element type, shape and the byte range
 * {@code [begin, end)} relative to the start of the data section.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (the product of the shape; 1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Length of the data in bytes. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && name.equals(t.name)
                && dtype == t.dtype
                && Arrays.equals(shape, t.shape)
                && begin == t.begin
                && end == t.end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
