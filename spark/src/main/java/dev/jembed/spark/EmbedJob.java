package dev.jembed.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The batch job: embeds a text file, JSON lines or Parquet and writes each row with its embedding,
 * as Parquet or JSON lines, e.g.
 * <pre>
 * spark-submit --class dev.jembed.spark.EmbedJob jembed-spark-job.jar --input docs.txt --output out --output-format jsonl
 * </pre>
 * Text and JSON-lines outputs hold {@code line}, {@code text}, {@code embedding} and, for bad rows,
 * {@code embedding_error}; Parquet input keeps all its columns. Part files come in input order.
 * {@link #USAGE} lists the options. Exit status: 0 done, 1 failed, 2 bad arguments.
 */
public final class EmbedJob {
    /** The help text. */
    public static final String USAGE = JobArgs.USAGE;

    private EmbedJob() {}

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        JobArgs job;
        try {
            job = JobArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jembed: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("jembed embed").getOrCreate();
        int status = 0;
        try {
            run(spark, job, System.err);
        } catch (RuntimeException e) {
            System.err.println("jembed: embedding failed: " + reason(e));
            status = 1;
        } finally {
            spark.stop();
            JembedSpark.releaseModels();
        }
        System.exit(status);
    }

    /**
     * Runs the job in {@code spark} (which stays open) and reports the number of rows and bad rows on
     * {@code log}; the count of bad rows is read back from the output.
     */
    static void run(SparkSession spark, JobArgs job, PrintStream log) {
        Dataset<Row> in = JobInput.read(spark, job);
        // text and JSON lines are read into the column "text"; Parquet keeps its own column names
        String text = job.inputFormat().equals("parquet") ? job.textColumn() : "text";
        Dataset<Row> out = JembedSpark.embed(in, text, "embedding", job.options());
        String error = "embedding_error";
        boolean report = List.of(out.columns()).contains(error);
        if (List.of(out.columns()).contains(JobInput.PARSE_ERROR)) {
            // a line whose JSON gave no text: its own reason beats "the text is null"
            out = report
                    ? out.withColumn(error, coalesce(col(JobInput.PARSE_ERROR), col(error)))
                            .drop(JobInput.PARSE_ERROR)
                    : out.drop(JobInput.PARSE_ERROR);
        }
        var writer = out.write().mode(job.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        if (job.outputFormat().equals("jsonl")) writer.json(job.output());
        else writer.parquet(job.output());
        if (!report) return;
        Dataset<Row> written = job.outputFormat().equals("jsonl")
                ? spark.read().schema(error + " string").json(job.output())
                : spark.read().parquet(job.output()).select(error);
        long bad = written.where(col(error).isNotNull()).count();
        log.println("jembed: wrote " + job.output()
                + (bad == 0 ? ", every row embedded" : "; " + bad + " rows were not embedded, see their " + error));
    }

    /** The innermost message that says what went wrong (Spark wraps task failures). */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JembedSparkException) return t.getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
