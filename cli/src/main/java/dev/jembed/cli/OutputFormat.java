package dev.jembed.cli;

import dev.jembed.pooling.EncodeResult;
import dev.jembed.pooling.Precision;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How {@code jembed embed} writes vectors: one per input line, in input order.
 * <ul>
 *   <li>{@code jsonl}: one JSON array per line;</li>
 *   <li>{@code csv}: comma-separated values, one row per line, no header;</li>
 *   <li>{@code npy}: a NumPy array of shape (texts, dimension): {@code <f4} for float32,
 *       {@code |i1} for int8 and binary, {@code |u1} for uint8 and ubinary (binary precisions hold
 *       {@code ceil(dimension / 8)} packed bytes per row, as sentence-transformers returns them).</li>
 * </ul>
 * Quantized values are written as integers, signed or unsigned as the precision says.
 */
enum OutputFormat {
    JSONL,
    CSV,
    NPY;

    /** Names accepted by {@code --format}. */
    public static final List<String> NAMES = List.of("jsonl", "csv", "npy");

    /** Writes rows of embeddings to a stream. */
    public interface RowWriter {
        /** Writes every row of {@code chunk}. */
        void write(EncodeResult chunk) throws IOException;

        /** Flushes, and checks that the promised number of rows was written. */
        void finish() throws IOException;
    }

    public static OutputFormat fromName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The format a file name suggests ({@code .npy}, {@code .csv}), else jsonl. */
    public static OutputFormat forFileName(String fileName) {
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".npy")) return NPY;
        if (f.endsWith(".csv")) return CSV;
        return JSONL;
    }

    /** The NumPy element type of a precision. */
    public static NpyWriter.DType npyType(Precision p) {
        return switch (p) {
            case FLOAT32 -> NpyWriter.DType.FLOAT32;
            case INT8, BINARY -> NpyWriter.DType.INT8;
            case UINT8, UBINARY -> NpyWriter.DType.UINT8;
        };
    }

    /**
     * Opens a writer of {@code rows} rows of {@code precision.rowLength(dimension)} values. The npy
     * header needs the row count up front; the text formats ignore it except to check it, and take
     * -1 for a count not known ahead.
     */
    public RowWriter open(OutputStream out, Precision precision, long rows, int dimension) throws IOException {
        int cols = precision.rowLength(dimension);
        if (this == NPY) {
            NpyWriter npy = new NpyWriter(out, npyType(precision), rows, cols);
            return new RowWriter() {
                @Override
                public void write(EncodeResult chunk) throws IOException {
                    for (int i = 0; i < chunk.size(); i++) {
                        if (chunk.precision() == Precision.FLOAT32) npy.write(chunk.floats()[i]);
                        else npy.write(chunk.bytes()[i]);
                    }
                }

                @Override
                public void finish() throws IOException {
                    npy.finish();
                }
            };
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        String open = this == JSONL ? "[" : "", close = this == JSONL ? "]\n" : "\n", sep = ",";
        boolean json = this == JSONL;
        return new RowWriter() {
            private long written;

            @Override
            public void write(EncodeResult chunk) throws IOException {
                StringBuilder line = new StringBuilder(cols * 12);
                for (int i = 0; i < chunk.size(); i++) {
                    line.setLength(0);
                    line.append(open);
                    if (chunk.precision() == Precision.FLOAT32) {
                        float[] r = chunk.floats()[i];
                        for (int j = 0; j < r.length; j++) {
                            if (j > 0) line.append(sep);
                            line.append(json ? JsonText.number(r[j]) : Float.toString(r[j]));
                        }
                    } else {
                        int[] r = chunk.intRow(i);
                        for (int j = 0; j < r.length; j++) {
                            if (j > 0) line.append(sep);
                            line.append(r[j]);
                        }
                    }
                    w.append(line.append(close));
                    written++;
                }
            }

            @Override
            public void finish() throws IOException {
                w.flush();
                if (rows >= 0 && written != rows)
                    throw new IllegalStateException("wrote " + written + " rows, expected " + rows);
            }
        };
    }
}
