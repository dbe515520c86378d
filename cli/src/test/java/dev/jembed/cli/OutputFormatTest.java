package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jembed.pooling.EncodeResult;
import dev.jembed.pooling.Precision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    private static final EncodeResult FLOATS =
            EncodeResult.ofFloats(3, new float[][] {{0.5f, -1e-5f, 0.1f}, {0f, 1f, -0f}});
    private static final byte[][] BYTES = {{-128, 0, 127}, {1, -1, 5}};

    private static String text(OutputFormat f, EncodeResult e) throws IOException {
        var out = new ByteArrayOutputStream();
        OutputFormat.RowWriter w = f.open(out, e.precision(), e.size(), e.dimension());
        w.write(e.slice(0, 1));
        w.write(e.slice(1, e.size()));
        w.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonlIsOneArrayPerLineWithFloat32ShortestDigits() throws IOException {
        assertEquals("[0.5,-1.0E-5,0.1]\n[0.0,1.0,-0.0]\n", text(OutputFormat.JSONL, FLOATS));
    }

    @Test
    void csvIsOneRowPerLine() throws IOException {
        assertEquals("0.5,-1.0E-5,0.1\n0.0,1.0,-0.0\n", text(OutputFormat.CSV, FLOATS));
    }

    @Test
    void quantizedValuesAreIntegersWithTheirPrecisionsSign() throws IOException {
        assertEquals(
                "[-128,0,127]\n[1,-1,5]\n", text(OutputFormat.JSONL, EncodeResult.ofBytes(Precision.INT8, 3, BYTES)));
        assertEquals("128,0,127\n1,255,5\n", text(OutputFormat.CSV, EncodeResult.ofBytes(Precision.UINT8, 3, BYTES)));
        // binary packs 8 dimensions per byte: 20 dimensions are 3 bytes
        assertEquals(
                "[-128,0,127]\n[1,-1,5]\n",
                text(OutputFormat.JSONL, EncodeResult.ofBytes(Precision.BINARY, 20, BYTES)));
        assertEquals(
                "[128,0,127]\n[1,255,5]\n",
                text(OutputFormat.JSONL, EncodeResult.ofBytes(Precision.UBINARY, 24, BYTES)));
    }

    @Test
    void npyHoldsTheRightTypeAndShape() throws IOException {
        var out = new ByteArrayOutputStream();
        var w = OutputFormat.NPY.open(out, Precision.UBINARY, 2, 20);
        w.write(EncodeResult.ofBytes(Precision.UBINARY, 20, BYTES));
        w.finish();
        byte[] b = out.toByteArray();
        assertArrayEquals(NpyWriter.header(NpyWriter.DType.UINT8, 2, 3), Arrays.copyOf(b, 128));
        assertArrayEquals(new byte[] {-128, 0, 127, 1, -1, 5}, Arrays.copyOfRange(b, 128, b.length));
        assertEquals(NpyWriter.DType.INT8, OutputFormat.npyType(Precision.BINARY));
        assertEquals(NpyWriter.DType.INT8, OutputFormat.npyType(Precision.INT8));
        assertEquals(NpyWriter.DType.UINT8, OutputFormat.npyType(Precision.UINT8));
        assertEquals(NpyWriter.DType.FLOAT32, OutputFormat.npyType(Precision.FLOAT32));
    }

    @Test
    void aShortWriteIsAnError() throws IOException {
        var w = OutputFormat.JSONL.open(new ByteArrayOutputStream(), Precision.FLOAT32, 3, 3);
        w.write(FLOATS);
        assertThrows(IllegalStateException.class, w::finish);
    }

    @Test
    void theOutputFileNameSuggestsTheFormat() {
        assertEquals(OutputFormat.NPY, OutputFormat.forFileName("out.NPY"));
        assertEquals(OutputFormat.CSV, OutputFormat.forFileName("a/b.csv"));
        assertEquals(OutputFormat.JSONL, OutputFormat.forFileName("vectors.jsonl"));
        assertEquals(OutputFormat.JSONL, OutputFormat.forFileName("vectors"));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001é\"", JsonText.string("a\"b\\c\n\t\u0001é"));
        assertEquals("null", JsonText.number(Float.NaN));
    }
}
