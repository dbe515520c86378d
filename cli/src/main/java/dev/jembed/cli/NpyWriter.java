package dev.jembed.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a two-dimensional array as a NumPy {@code .npy} file, format version 1.0, row by row:
 * {@code numpy.load} returns an array of shape {@code (rows, cols)}.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header length,
 * then the header, a Python dict literal padded with spaces and ended by {@code \n} so that the
 * data starts at a multiple of 64 bytes, then the values in C order. The preamble is byte for byte
 * what {@code numpy.save} writes for the same dtype and shape.
 */
final class NpyWriter {
    /** The element types jembed writes, with NumPy's {@code descr} strings. */
    public enum DType {
        FLOAT32("<f4", 4),
        INT8("|i1", 1),
        UINT8("|u1", 1);

        private final String descr;
        private final int size;

        DType(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }

        public String descr() {
            return descr;
        }

        public int size() {
            return size;
        }
    }

    /** Data starts at a multiple of this (NumPy's {@code ARRAY_ALIGN}). */
    static final int ALIGN = 64;

    private static final int GROWTH_DIGITS = 21;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private final OutputStream out;
    private final DType dtype;
    private final long rows;
    private final int cols;
    private final ByteBuffer row;
    private long written;

    /** Writes the header to {@code out}; the rows follow with {@link #write(float[])} or {@link #write(byte[])}. */
    public NpyWriter(OutputStream out, DType dtype, long rows, int cols) throws IOException {
        this.out = out;
        this.dtype = dtype;
        this.rows = rows;
        this.cols = cols;
        this.row = ByteBuffer.allocate(cols * dtype.size).order(ByteOrder.LITTLE_ENDIAN);
        out.write(header(dtype, rows, cols));
    }

    /** The complete preamble: magic, version, header length and the padded header. */
    public static byte[] header(DType dtype, long rows, int cols) {
        String dict =
                "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        // NumPy leaves room for the row count to grow to GROWTH_AXIS_MAX_DIGITS digits in place,
        // then pads with at least one space; copying both makes the file identical to numpy.save's.
        dict += " ".repeat(Math.max(0, GROWTH_DIGITS - Long.toString(rows).length()));
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int total = unpadded + ALIGN - unpadded % ALIGN;
        int headerLength = total - MAGIC.length - 2;
        if (headerLength > 0xFFFF) throw new IllegalArgumentException("npy v1.0 header too long: " + headerLength);
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) headerLength).put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.position() < total - 1) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    /** Appends one row of float32 values. */
    public void write(float[] values) throws IOException {
        if (dtype != DType.FLOAT32) throw new IllegalStateException("this array holds " + dtype + ", not float32");
        check(values.length);
        row.clear();
        for (float v : values) row.putFloat(v);
        out.write(row.array(), 0, row.position());
    }

    /** Appends one row of int8 / uint8 values (the bytes as stored). */
    public void write(byte[] values) throws IOException {
        if (dtype == DType.FLOAT32) throw new IllegalStateException("this array holds float32, not bytes");
        check(values.length);
        out.write(values);
    }

    private void check(int length) {
        if (length != cols)
            throw new IllegalArgumentException("row of " + length + " values, the array has " + cols + " columns");
        if (written == rows) throw new IllegalStateException("all " + rows + " rows were written already");
        written++;
    }

    /** Fails unless exactly the declared number of rows was written. */
    public void finish() throws IOException {
        if (written != rows)
            throw new IllegalStateException("wrote " + written + " rows of the " + rows + " declared in the header");
        out.flush();
    }
}
