package dev.jembed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmbedJob} end to end in a local[2] session: text, JSON lines and Parquet in, JSON lines and
 * Parquet out, against {@link SentenceTransformer#encode} of the same texts (the computation of
 * {@code jembed embed}, see {@link JembedSparkTest}).
 */
class EmbedJobTest {
    private static SparkSession spark;
    private static SentenceTransformer reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = TestSpark.session("EmbedJobTest");
        reference = SentenceTransformer.load(SparkEmbedOptions.DEFAULT_MODEL);
    }

    @AfterAll
    static void stop() {
        if (reference != null) reference.close();
        if (spark != null) spark.stop();
    }

    private static String run(String... args) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        EmbedJob.run(spark, JobArgs.parse(args), new PrintStream(log, true, StandardCharsets.UTF_8));
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textToJsonLinesHasLineTextAndTheCommandsVectorsInOrder() throws IOException {
        List<String> lines = Files.readAllLines(TestSpark.conferenceTalks());
        Path out = tmp.resolve("out");
        String log = run(
                "--input",
                TestSpark.conferenceTalks().toString(),
                "--output",
                out.toString(),
                "--output-format",
                "jsonl",
                "--partitions",
                "3");
        assertTrue(log.contains("every row embedded"), log);
        float[][] expected = reference.encode(lines);

        List<String> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                rows.addAll(Files.readAllLines(p));
            }
        }
        assertEquals(lines.size(), rows.size());
        JsonFactory json = new JsonFactory();
        for (int i = 0; i < rows.size(); i++) {
            try (JsonParser p = json.createParser(rows.get(i))) {
                Map<String, Object> row = new HashMap<>();
                List<Float> vector = new ArrayList<>();
                assertEquals(JsonToken.START_OBJECT, p.nextToken());
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        // the printed shortest form, read back exactly as a float32
                        while (p.nextToken() != JsonToken.END_ARRAY) vector.add(Float.parseFloat(p.getText()));
                    } else {
                        row.put(name, p.getText());
                    }
                }
                assertEquals(String.valueOf(i + 1), row.get("line"), "part files in line order");
                assertEquals(lines.get(i), row.get("text"));
                float[] got = new float[vector.size()];
                for (int j = 0; j < got.length; j++) got[j] = vector.get(j);
                assertArrayEquals(expected[i], got, "line " + (i + 1));
            }
        }
    }

    @Test
    void jsonLinesWithBadLinesToParquetReportEachLine() throws IOException {
        Path in = tmp.resolve("in.jsonl");
        Files.writeString(in, """
                {"id": 7, "text": "How many people live in London?"}
                {"text": 5}
                {"text": null}
                {"title": "no text"}
                not json
                {"text": "Around 9 Million people live in London"}\r
                """);
        Path out = tmp.resolve("out");
        String log = run("--input", in.toString(), "--output", out.toString(), "--partitions", "2");
        assertTrue(log.contains("4 rows were not embedded"), log);
        Map<Long, Row> rows = new HashMap<>();
        for (Row r : spark.read().parquet(out.toString()).collectAsList()) rows.put(r.getLong(r.fieldIndex("line")), r);
        assertEquals(6, rows.size());
        assertArrayEquals(
                reference.encode("How many people live in London?"), TestSpark.floats(rows.get(1L), "embedding"));
        assertArrayEquals(
                reference.encode("Around 9 Million people live in London"),
                TestSpark.floats(rows.get(6L), "embedding"));
        assertNull(rows.get(6L).getAs("embedding_error"));
        assertEquals("field \"text\" is a number, not a string", rows.get(2L).getAs("embedding_error"));
        assertEquals("field \"text\" is null, not a string", rows.get(3L).getAs("embedding_error"));
        assertEquals("no field \"text\"", rows.get(4L).getAs("embedding_error"));
        assertTrue(rows.get(5L).<String>getAs("embedding_error").startsWith("invalid JSON"));
        for (long line = 2; line <= 5; line++) assertNull(TestSpark.floats(rows.get(line), "embedding"));

        SparkException e = assertThrows(
                SparkException.class,
                () -> run(
                        "--input",
                        in.toString(),
                        "--output",
                        tmp.resolve("strict").toString(),
                        "--on-error",
                        "fail"));
        assertTrue(
                rootMessage(e).contains("line 2: field \"text\" is a number, not a string (on_error=fail)"),
                rootMessage(e));
    }

    @Test
    void parquetKeepsItsColumnsAndEmbedsTheNamedOne() {
        StructType schema = new StructType().add("doc_id", DataTypes.StringType).add("body", DataTypes.StringType);
        List<Row> docs = List.of(
                RowFactory.create("a", "Spark runs the job"),
                RowFactory.create("b", "jembed embeds the text"),
                RowFactory.create("c", "one model per executor"));
        Path in = tmp.resolve("in.parquet"), out = tmp.resolve("out");
        spark.createDataFrame(docs, schema).write().parquet(in.toString());
        run(
                "--input",
                in.toString(),
                "--output",
                out.toString(),
                "--text-column",
                "body",
                "--normalize",
                "--batch-size",
                "2");
        List<Row> rows = spark.read().parquet(out.toString()).orderBy("doc_id").collectAsList();
        assertEquals(
                List.of("doc_id", "body", "embedding", "embedding_error"),
                List.of(rows.get(0).schema().fieldNames()));
        for (int i = 0; i < docs.size(); i++) {
            assertEquals(docs.get(i).getString(0), rows.get(i).getString(0));
            float[] expected = reference.encode(
                            List.of(docs.get(i).getString(1)),
                            EncodeOptions.defaults().withNormalize(true))
                    .floats()[0];
            assertArrayEquals(expected, TestSpark.floats(rows.get(i), "embedding"));
        }
    }

    @Test
    void aMissingModelStopsTheJobBeforeItWritesAnything() {
        Path out = tmp.resolve("out");
        JembedSparkException e = assertThrows(
                JembedSparkException.class,
                () -> run(
                        "--input",
                        TestSpark.conferenceTalks().toString(),
                        "--output",
                        out.toString(),
                        "--model",
                        "/nonexistent/model"));
        assertTrue(e.getMessage().contains("the model \"/nonexistent/model\" cannot be used"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobArgs.parse(new String[] {"--output", "x"}))
                .getMessage()
                .startsWith("--input is required"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> JobArgs.parse(new String[] {"--input", "a", "--output", "b", "--output-format", "csv"}))
                .getMessage()
                .contains("--output-format must be jsonl or parquet"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> JobArgs.parse(new String[] {"--input", "a", "--output", "b", "--batch-size", "zero"}))
                .getMessage()
                .contains("batch_size=zero"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JobArgs.parse(new String[] {"--inptu", "a"}))
                .getMessage()
                .startsWith("unknown argument --inptu"));
        assertEquals(
                "jsonl",
                JobArgs.parse(new String[] {"--input", "a.jsonl", "--output", "b"})
                        .inputFormat());
        assertEquals(
                "text",
                JobArgs.parse(new String[] {"--input", "a.txt", "--output", "b"})
                        .inputFormat());
    }

    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JembedSparkException) return t.getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
