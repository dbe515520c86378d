package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyWriterTest {

    /**
     * The preambles numpy 1.x wrote for these arrays ({@code numpy.lib.format.write_array_header_1_0}),
     * as (dtype, rows, cols, header text without the trailing padding): 128 bytes each.
     */
    @Test
    void headerIsByteForByteWhatNumpyWrites() {
        check(NpyWriter.DType.FLOAT32, 3, 384, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 384), }");
        check(NpyWriter.DType.INT8, 0, 384, "{'descr': '|i1', 'fortran_order': False, 'shape': (0, 384), }");
        check(NpyWriter.DType.UINT8, 1379, 48, "{'descr': '|u1', 'fortran_order': False, 'shape': (1379, 48), }");
        check(
                NpyWriter.DType.FLOAT32,
                12345678901L,
                4,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (12345678901, 4), }");
    }

    private static void check(NpyWriter.DType dtype, long rows, int cols, String dict) {
        byte[] h = NpyWriter.header(dtype, rows, cols);
        assertEquals(128, h.length, "numpy's preamble length for " + dict);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0}, Arrays.copyOf(h, 10));
        String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        assertEquals(dict + " ".repeat(118 - 1 - dict.length()) + "\n", text);
    }

    @Test
    void dataAlwaysStartsAtAMultipleOf64AndTheHeaderEndsWithNewline() {
        for (long rows : new long[] {0, 1, 9, 10, 99, 1000, 123456, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            for (int cols = 1; cols <= 5000; cols = cols * 3 + 1) {
                for (NpyWriter.DType t : NpyWriter.DType.values()) {
                    byte[] h = NpyWriter.header(t, rows, cols);
                    assertEquals(0, h.length % NpyWriter.ALIGN, rows + "x" + cols);
                    int len = (h[8] & 0xFF) | (h[9] & 0xFF) << 8;
                    assertEquals(h.length - 10, len);
                    assertEquals('\n', h[h.length - 1]);
                    String dict = new String(h, 10, len, StandardCharsets.US_ASCII).stripTrailing();
                    assertEquals(
                            "{'descr': '" + t.descr() + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols
                                    + "), }",
                            dict);
                }
            }
        }
    }

    @Test
    void floatRowsFollowTheHeaderLittleEndianInCOrder() throws IOException {
        var out = new ByteArrayOutputStream();
        NpyWriter w = new NpyWriter(out, NpyWriter.DType.FLOAT32, 2, 3);
        w.write(new float[] {1f, -2.5f, Float.MIN_VALUE});
        w.write(new float[] {0f, 3.25f, -0f});
        w.finish();
        byte[] b = out.toByteArray();
        assertEquals(128 + 24, b.length);
        ByteBuffer data = ByteBuffer.wrap(b, 128, 24).order(ByteOrder.LITTLE_ENDIAN);
        float[] back = new float[6];
        for (int i = 0; i < 6; i++) back[i] = data.getFloat();
        assertArrayEquals(new float[] {1f, -2.5f, Float.MIN_VALUE, 0f, 3.25f, -0f}, back);
        assertEquals(
                0x3F800000,
                ByteBuffer.wrap(b, 128, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void byteRowsAreWrittenAsStored() throws IOException {
        var out = new ByteArrayOutputStream();
        NpyWriter w = new NpyWriter(out, NpyWriter.DType.UINT8, 1, 2);
        w.write(new byte[] {(byte) 255, 7});
        w.finish();
        byte[] b = out.toByteArray();
        assertArrayEquals(new byte[] {(byte) 255, 7}, Arrays.copyOfRange(b, 128, b.length));
    }

    @Test
    void theRowCountAndWidthAreEnforced() throws IOException {
        NpyWriter w = new NpyWriter(new ByteArrayOutputStream(), NpyWriter.DType.FLOAT32, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> w.write(new float[3]));
        assertThrows(IllegalStateException.class, () -> w.write(new byte[2]));
        assertThrows(IllegalStateException.class, w::finish);
        w.write(new float[2]);
        assertThrows(IllegalStateException.class, () -> w.write(new float[2]));
        w.finish();
    }
}
