package dev.jembed.pooling;

import java.util.Objects;

/**
 * The result of an encode call: {@code size()} vectors of {@code dimension()} values in one
 * {@link Precision}. Float32 results are read with {@link #floats()}; quantized ones with
 * {@link #bytes()} (int8 / binary as signed bytes, uint8 / ubinary as bytes to be read unsigned) or
 * {@link #intRow(int)}, which already applies the right signedness.
 *
 * <p>The arrays returned are the backing arrays, handed over without copying.
 */
public final class EncodeResult {
    private final Precision precision;
    private final int dimension;
    private final float[][] floats;
    private final byte[][] bytes;

    private EncodeResult(Precision precision, int dimension, float[][] floats, byte[][] bytes) {
        this.precision = precision;
        this.dimension = dimension;
        this.floats = floats;
        this.bytes = bytes;
    }

    /** Float32 embeddings; every row must have {@code dimension} values. */
    public static EncodeResult ofFloats(int dimension, float[][] rows) {
        for (float[] r : rows) {
            if (r.length != dimension)
                throw new IllegalArgumentException("row of " + r.length + " values, expected " + dimension);
        }
        return new EncodeResult(Precision.FLOAT32, dimension, rows, null);
    }

    /** Quantized embeddings of {@code dimension} original floats, rows of {@code precision.rowLength(dimension)} bytes. */
    public static EncodeResult ofBytes(Precision precision, int dimension, byte[][] rows) {
        if (precision == Precision.FLOAT32) throw new IllegalArgumentException("float32 embeddings are floats");
        int len = precision.rowLength(dimension);
        for (byte[] r : rows) {
            if (r.length != len) throw new IllegalArgumentException("row of " + r.length + " bytes, expected " + len);
        }
        return new EncodeResult(precision, dimension, null, rows);
    }

    public Precision precision() {
        return precision;
    }

    /** Number of vectors. */
    public int size() {
        return floats != null ? floats.length : bytes.length;
    }

    /** Dimension of the embedding before any bit packing. */
    public int dimension() {
        return dimension;
    }

    /** Stored values per row: the dimension, or {@code ceil(dimension / 8)} for binary precisions. */
    public int rowLength() {
        return precision.rowLength(dimension);
    }

    /** The float32 vectors; fails for quantized embeddings. */
    public float[][] floats() {
        if (floats == null)
            throw new IllegalStateException("embeddings are " + precision.pythonName() + ", not float32");
        return floats;
    }

    /** The quantized rows; fails for float32 embeddings. */
    public byte[][] bytes() {
        if (bytes == null) throw new IllegalStateException("embeddings are float32, not quantized");
        return bytes;
    }

    /** Row {@code i} of a quantized result as ints, signed or unsigned as the precision says. */
    public int[] intRow(int i) {
        byte[] r = bytes()[i];
        int[] out = new int[r.length];
        for (int j = 0; j < r.length; j++) out[j] = precision.unsigned() ? Byte.toUnsignedInt(r[j]) : r[j];
        return out;
    }

    /**
     * The same rows declared with {@code dimension}; for an empty result, whose dimension cannot
     * be read off the rows. Fails if the rows say otherwise.
     */
    EncodeResult withDimension(int dimension) {
        if (dimension == this.dimension) return this;
        if (size() > 0)
            throw new IllegalArgumentException("rows have dimension " + this.dimension + ", not " + dimension);
        return new EncodeResult(precision, dimension, floats, bytes);
    }

    /** A view of rows {@code [from, to)} sharing the row arrays. */
    public EncodeResult slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return floats != null
                ? new EncodeResult(precision, dimension, java.util.Arrays.copyOfRange(floats, from, to), null)
                : new EncodeResult(precision, dimension, null, java.util.Arrays.copyOfRange(bytes, from, to));
    }
}
