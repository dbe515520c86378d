package dev.jembed.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads {@link EmbedJob}'s input into rows to embed. Text: one document per line, read as
 * {@code jembed embed} reads lines (split at {@code \n} only, a {@code \r} before it and a leading
 * byte order mark dropped), as {@code line} (1-based) and {@code text}. JSON lines: the same
 * numbering, the text taken from one string field of each object; a line that is not an object, or
 * whose field is missing, null or not a string, is a bad row with that reason in {@code parse_error}.
 * Parquet: the rows as they are. Line numbers follow the order Spark reads the lines in, which is
 * the file's order for a single file.
 */
final class JobInput {
    /** The column of JSON-lines rows whose JSON could not give a text. */
    static final String PARSE_ERROR = "parse_error";

    private JobInput() {}

    static Dataset<Row> read(SparkSession spark, JobArgs job) {
        Dataset<Row> df = switch (job.inputFormat()) {
            case "parquet" -> spark.read().parquet(job.input());
            case "text", "jsonl" -> numberedLines(spark, job);
            default -> throw new IllegalArgumentException("unknown input format " + job.inputFormat());
        };
        int target = Math.max(
                job.partitions() > 0 ? job.partitions() : spark.sparkContext().defaultParallelism(), 1);
        int current = df.rdd().getNumPartitions();
        if (job.partitions() == 0 && current >= target || current == target) return df;
        // Numbered lines keep their order (each partition a range of lines, part files in line order);
        // other rows carry their own identity, so any spread does.
        return job.inputFormat().equals("parquet")
                ? df.repartition(target)
                : df.repartitionByRange(target, col("line")).sortWithinPartitions("line");
    }

    private static Dataset<Row> numberedLines(SparkSession spark, JobArgs job) {
        boolean json = job.inputFormat().equals("jsonl");
        String field = job.textColumn();
        boolean fail = job.options().onError() == SparkEmbedOptions.OnError.FAIL;
        String input = job.input(); // the lambda below travels to the executors: it captures strings only
        JavaRDD<Row> rows = spark.read()
                .option("lineSep", "\n")
                .text(job.input())
                .javaRDD()
                .zipWithIndex()
                .map(t -> {
                    long line = t._2() + 1;
                    String s = t._1().getString(0);
                    if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
                    if (line == 1 && s.startsWith("\uFEFF")) s = s.substring(1);
                    if (!json) return RowFactory.create(line, s);
                    String[] parsed = jsonField(s, field);
                    if (parsed[1] != null && fail) {
                        throw new JembedSparkException(
                                "jembed: " + input + " line " + line + ": " + parsed[1] + " (on_error=fail)");
                    }
                    return RowFactory.create(line, parsed[0], parsed[1]);
                });
        StructType schema =
                new StructType().add("line", DataTypes.LongType, false).add("text", DataTypes.StringType, true);
        if (json) schema = schema.add(PARSE_ERROR, DataTypes.StringType, true);
        return spark.createDataFrame(rows, schema);
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** {text, null} for an object whose {@code field} is a string, else {null, the reason}. */
    static String[] jsonField(String line, String field) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new String[] {null, "not a JSON object"};
            String text = null, problem = "no field \"" + field + "\"";
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals(field)) {
                    if (v == JsonToken.VALUE_STRING) {
                        text = p.getText();
                        problem = null;
                    } else {
                        text = null;
                        problem = "field \"" + field + "\" is " + kind(v) + ", not a string";
                    }
                }
                p.skipChildren();
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null)
                return new String[] {null, "invalid JSON"};
            return new String[] {text, problem};
        } catch (JsonProcessingException e) {
            return new String[] {null, "invalid JSON: " + e.getOriginalMessage()};
        } catch (IOException e) {
            return new String[] {null, "invalid JSON: " + e.getMessage()};
        }
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case VALUE_NULL -> "null";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }
}
