package dev.jembed.spark;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.EncodeResult;
import dev.jembed.pooling.Precision;
import dev.jembed.pooling.QuantizationRanges;
import dev.jembed.pooling.SentenceTransformer;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The work of one task: reads its partition {@link #CHUNK} rows at a time, embeds the chunk's good
 * texts with the executor's shared model, and returns each row with its embedding (and, when bad
 * rows are reported, the reason) appended. Lazy, so a partition of any size needs the memory of one
 * chunk. A sentence's vector does not depend on which chunk or batch it lands in (jembed's
 * determinism), hence not on the partitioning either.
 */
final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Rows embedded per call: as {@code jembed embed}'s streaming chunk, large enough to sort by length. */
    static final int CHUNK = 1024;

    private final SparkEmbedOptions options;
    private final int threads;
    private final int column;
    private final String columnName;
    /** The column's Spark type when it is not a string (every row is then bad), else null. */
    private final String nonStringType;

    EmbedPartition(SparkEmbedOptions options, int threads, int column, String columnName, String nonStringType) {
        this.options = options;
        this.threads = threads;
        this.column = column;
        this.columnName = columnName;
        this.nonStringType = nonStringType;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        SentenceTransformer model =
                ExecutorModels.get(new ExecutorModels.Key(options.model(), threads, options.weights()));
        EncodeOptions encode = encodeOptions();
        boolean report = options.onError() == SparkEmbedOptions.OnError.REPORT;
        TaskContext task = TaskContext.get();
        int partition = task == null ? -1 : task.partitionId();
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>(CHUNK);
            private int next;
            private long seen;

            @Override
            public boolean hasNext() {
                if (next < out.size()) return true;
                out.clear();
                next = 0;
                if (!rows.hasNext()) return false;
                fill();
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                return out.get(next++);
            }

            private void fill() {
                List<Row> chunk = new ArrayList<>(CHUNK);
                List<String> texts = new ArrayList<>(CHUNK);
                String[] errors = new String[CHUNK];
                int[] slot = new int[CHUNK];
                while (chunk.size() < CHUNK && rows.hasNext()) {
                    Row row = rows.next();
                    int i = chunk.size();
                    chunk.add(row);
                    TextCheck.Result r =
                            TextCheck.check(row, column, nonStringType, options.maxChars(), options.onLong());
                    seen++;
                    if (r.error() != null) {
                        if (!report) {
                            throw new JembedSparkException(
                                    "jembed: column " + columnName + ", partition " + partition + ", row "
                                            + (seen - 1) + " of the partition: " + r.error()
                                            + " (on_error=fail; on_error=report keeps "
                                            + "such rows with a null embedding and the reason)");
                        }
                        errors[i] = r.error();
                        slot[i] = -1;
                    } else {
                        slot[i] = texts.size();
                        texts.add(r.text());
                    }
                }
                EncodeResult e = model.encode(texts, encode);
                for (int i = 0; i < chunk.size(); i++) {
                    Object vector = slot[i] < 0 ? null : vector(e, slot[i]);
                    out.add(append(chunk.get(i), vector, report, errors[i]));
                }
            }
        };
    }

    private EncodeOptions encodeOptions() {
        EncodeOptions e = EncodeOptions.defaults()
                .withBatchSize(options.batchSize())
                .withNormalize(options.normalize())
                .withTruncateDim(options.truncateDim())
                .withPrecision(options.precision())
                .withPrompt(options.prompt())
                .withPromptName(options.promptName());
        if (options.rangesMin() != null)
            e = e.withRanges(new QuantizationRanges(options.rangesMin(), options.rangesMax()));
        return e;
    }

    /** Row {@code i} of {@code e} as the column's external type: float[] or int[]. */
    private static Object vector(EncodeResult e, int i) {
        return e.precision() == Precision.FLOAT32 ? e.floats()[i] : e.intRow(i);
    }

    private static Row append(Row row, Object vector, boolean report, String error) {
        int n = row.length();
        Object[] values = new Object[n + (report ? 2 : 1)];
        for (int c = 0; c < n; c++) values[c] = row.get(c);
        values[n] = vector;
        if (report) values[n + 1] = error;
        return RowFactory.create(values);
    }
}
