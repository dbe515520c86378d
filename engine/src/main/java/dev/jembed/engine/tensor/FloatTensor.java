package dev.jembed.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named, read-only float32 tensor: row-major little-endian data in a {@link MemorySegment}
 * (a memory-mapped slice of a safetensors file for F32 weights, or a converted copy for F16/BF16).
 *
 * <p>The engine's kernels read weights straight from {@link #data()}; nothing here copies it.
 *
 * @param name  the Hugging Face parameter name, e.g. {@code encoder.layer.0.attention.self.query.weight}
 * @param shape the dimensions, outermost first (a PyTorch Linear weight is {@code [out, in]})
 * @param data  exactly {@code product(shape) * 4} bytes of little-endian float32
 */
public record FloatTensor(String name, long[] shape, MemorySegment data) {

    /** Little-endian float32, byte-aligned: safetensors only guarantees 8-byte alignment of the data section. */
    public static final ValueLayout.OfFloat F32_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public FloatTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long elements = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            elements = Math.multiplyExact(elements, d);
        }
        if (data.byteSize() != elements * Float.BYTES) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs "
                    + elements * Float.BYTES + " bytes, data has " + data.byteSize());
        }
    }

    /** A heap tensor over {@code values} (no copy), for tests and converted weights. */
    public static FloatTensor of(String name, float[] values, long... shape) {
        return new FloatTensor(name, shape, MemorySegment.ofArray(values));
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i} as an int (every tensor of the supported models fits). */
    public int dim(int i) {
        return Math.toIntExact(shape[i]);
    }

    /** Number of elements. */
    public long size() {
        return data.byteSize() / Float.BYTES;
    }

    /** Element {@code index} of the flattened tensor. */
    public float get(long index) {
        return data.getAtIndex(F32_LE, index);
    }

    /** A copy of the elements as a float array (tests and small tensors only). */
    public float[] toArray() {
        return data.toArray(F32_LE);
    }

    /** True if the shape equals {@code expected}. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(shape, expected);
    }

    @Override
    public String toString() {
        return "FloatTensor[" + name + " " + Arrays.toString(shape) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t
                && name.equals(t.name)
                && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
