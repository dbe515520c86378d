package dev.jembed.spark;

import dev.jembed.pooling.Precision;
import dev.jembed.pooling.config.SentenceTransformerConfig;
import dev.jembed.pooling.hub.ModelLocator;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Embeds a text column of a Spark {@link Dataset} with jembed:
 * <pre>{@code
 * Dataset<Row> out = JembedSpark.embed(df, "text", "embedding", SparkEmbedOptions.defaults());
 * // Scala: JembedSpark.embed(df, "text", "embedding", Map("batch_size" -> "64").asJava)
 * }</pre>
 * The result has every input column and, after them, {@code embedding}: {@code array<float>} (or
 * {@code array<int>} for a quantized precision), null for a row that could not be embedded, whose
 * reason is then in the string column {@code embedding_error} (unless {@code on_error=fail}).
 *
 * <p>The work is lazy, like any transformation, and runs in the partitions' tasks. Each executor JVM
 * loads the model once and shares it between all its tasks, with as many threads as the executor
 * has cores; the vectors are those of {@code SentenceTransformer.encode} on the same texts, whatever
 * the partitioning. Before returning, the driver checks that the model can be found, so a wrong
 * model name fails here and not in every task.
 */
public final class JembedSpark {
    private static final AtomicBoolean LISTENING = new AtomicBoolean();

    private JembedSpark() {}

    /** {@link #embed(Dataset, String, String, SparkEmbedOptions)} with options from strings ({@link SparkEmbedOptions#fromMap}). */
    public static Dataset<Row> embed(
            Dataset<Row> df, String textColumn, String outputColumn, Map<String, String> options) {
        return embed(df, textColumn, outputColumn, SparkEmbedOptions.fromMap(options));
    }

    /**
     * Appends the embedding of {@code textColumn} as {@code outputColumn} (and the reason of bad
     * rows as {@code outputColumn + "_error"} under {@code on_error=report}).
     *
     * @throws IllegalArgumentException if {@code textColumn} does not exist or an output column already does
     * @throws JembedSparkException     if the model cannot be found (checked here, on the driver, unless
     *                                  {@code check_model=false}), or the column is not a string under
     *                                  {@code on_error=fail}
     */
    public static Dataset<Row> embed(
            Dataset<Row> df, String textColumn, String outputColumn, SparkEmbedOptions options) {
        StructType schema = df.schema();
        int column = Arrays.asList(schema.fieldNames()).indexOf(textColumn);
        if (column < 0) {
            throw new IllegalArgumentException("no column \"" + textColumn + "\" to embed; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        boolean report = options.onError() == SparkEmbedOptions.OnError.REPORT;
        String errorColumn = outputColumn + "_error";
        for (String name : report ? new String[] {outputColumn, errorColumn} : new String[] {outputColumn}) {
            if (Arrays.asList(schema.fieldNames()).contains(name)) {
                throw new IllegalArgumentException("the dataset already has a column \"" + name + "\"");
            }
        }
        StructField field = schema.fields()[column];
        String nonString = field.dataType().equals(DataTypes.StringType)
                ? null
                : field.dataType().simpleString();
        if (nonString != null && !report) {
            throw new JembedSparkException(
                    "jembed: column " + textColumn + " is " + nonString + ", not a string, so every row "
                            + "would fail (on_error=fail); cast it to string or use on_error=report");
        }
        SparkContext sc = df.sparkSession().sparkContext();
        int threads = options.threads() > 0 ? options.threads() : ExecutorCores.of(sc);
        if (options.checkModel()) checkModel(options, sc, threads);
        closeModelsWhenApplicationEnds(sc);

        StructType out = schema.add(
                outputColumn,
                DataTypes.createArrayType(
                        options.precision() == Precision.FLOAT32 ? DataTypes.FloatType : DataTypes.IntegerType, false),
                true);
        if (report) out = out.add(errorColumn, DataTypes.StringType, true);
        return df.mapPartitions(new EmbedPartition(options, threads, column, textColumn, nonString), Encoders.row(out));
    }

    /**
     * Closes the models this JVM loaded. In local mode, where the executors live in the driver's JVM,
     * this happens by itself when the application ends; call it to free the memory sooner.
     */
    public static void releaseModels() {
        ExecutorModels.closeAll();
    }

    /**
     * Fails fast on the driver when the model cannot be found. In local mode the driver's JVM is the
     * executor, so the model is loaded into the shared holder right away (a full check that costs
     * nothing extra); otherwise it is resolved and its configuration read, without loading weights the
     * driver does not need.
     */
    private static void checkModel(SparkEmbedOptions options, SparkContext sc, int threads) {
        try {
            if (sc.isLocal()) {
                ExecutorModels.get(new ExecutorModels.Key(options.model(), threads, options.weights()));
            } else {
                SentenceTransformerConfig.read(
                        ModelLocator.standard().resolve(options.model()).folder());
            }
        } catch (RuntimeException e) {
            // the holder's own wrapper speaks of "this executor": give its cause's reason instead
            String reason = e instanceof JembedSparkException && e.getCause() != null
                    ? e.getCause().getMessage()
                    : e.getMessage();
            throw new JembedSparkException(
                    "jembed: the model \"" + options.model() + "\" cannot be used (checked on the driver "
                            + "before any task ran; check_model=false skips this when only the executors can see the model): "
                            + reason,
                    e);
        }
    }

    private static void closeModelsWhenApplicationEnds(SparkContext sc) {
        if (!sc.isLocal() || !LISTENING.compareAndSet(false, true)) return;
        sc.addSparkListener(new SparkListener() {
            @Override
            public void onApplicationEnd(SparkListenerApplicationEnd end) {
                ExecutorModels.closeAll();
                LISTENING.set(false);
            }
        });
    }
}
