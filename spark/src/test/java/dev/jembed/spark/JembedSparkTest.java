package dev.jembed.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link JembedSpark#embed} in a local[2] session against the reference: {@code jembed embed}'s own
 * computation, i.e. {@link SentenceTransformer#encode} of the same texts with the same options (batch
 * 32, length-sorted, the model's normalization) on a model loaded as the command loads it. For up to
 * 1,024 lines the command makes exactly this one call (its streaming chunk), so the vectors compared
 * here are the command's; the real command is compared by spark/CompareWithCli.java (README).
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JembedSparkTest {
    private static SparkSession spark;
    private static SentenceTransformer reference;
    private static final StructType SCHEMA =
            new StructType().add("id", DataTypes.LongType, false).add("text", DataTypes.StringType, true);

    @BeforeAll
    static void start() {
        spark = TestSpark.session("JembedSparkTest");
        reference = SentenceTransformer.load(SparkEmbedOptions.DEFAULT_MODEL);
    }

    @AfterAll
    static void stop() {
        if (reference != null) reference.close();
        if (spark != null) spark.stop();
    }

    private static Dataset<Row> frame(List<String> texts, boolean shuffled) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) rows.add(RowFactory.create((long) i, texts.get(i)));
        if (shuffled) Collections.shuffle(rows, new Random(15));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** id -> embedding of the rows of {@code df}. */
    private static Map<Long, float[]> collect(Dataset<Row> df, String column) {
        Map<Long, float[]> out = new HashMap<>();
        for (Row r : df.collectAsList()) assertNull(out.put(r.getLong(0), TestSpark.floats(r, column)), "row twice");
        return out;
    }

    @Test
    @Order(1)
    void vectorsAreTheCommandsBitForBitWhateverThePartitioning() {
        List<String> texts = TestSpark.texts();
        float[][] expected = reference.encode(texts, EncodeOptions.defaults()).floats();
        for (boolean shuffled : new boolean[] {false, true}) {
            for (int partitions : new int[] {1, 3, 7}) {
                Dataset<Row> df = frame(texts, shuffled).repartition(partitions);
                assertEquals(partitions, df.rdd().getNumPartitions());
                Dataset<Row> out = JembedSpark.embed(df, "text", "embedding", SparkEmbedOptions.defaults());
                Map<Long, float[]> got = collect(out, "embedding");
                assertEquals(texts.size(), got.size());
                for (int i = 0; i < texts.size(); i++) {
                    // assertArrayEquals on float[] compares Float.floatToIntBits: bit for bit
                    assertArrayEquals(
                            expected[i],
                            got.get((long) i),
                            "line " + i + ", " + partitions + " partitions" + (shuffled ? ", shuffled" : ""));
                }
            }
        }
    }

    @Test
    @Order(2)
    void oneModelPerJvmSharedByAllTasksWithTheExecutorsCores() {
        JembedSpark.releaseModels();
        int before = ExecutorModels.loads();
        Dataset<Row> out = JembedSpark.embed(
                frame(TestSpark.texts(), true).repartition(7),
                "text",
                "embedding",
                SparkEmbedOptions.defaults().withBatchSize(8));
        assertEquals(TestSpark.texts().size(), out.count());
        // the driver's check loaded it (local mode: the driver's JVM is the executor); 7 tasks loaded none
        assertEquals(1, ExecutorModels.loads() - before);
        assertEquals(1, ExecutorModels.loaded());
        SentenceTransformer shared = ExecutorModels.get(
                new ExecutorModels.Key(SparkEmbedOptions.DEFAULT_MODEL, ExecutorCores.of("local[2]", null), null));
        assertEquals(1, ExecutorModels.loads() - before, "the tasks used the local[2] model");
        assertEquals(ExecutorCores.of("local[2]", null), shared.info().threads());
    }

    @Test
    @Order(3)
    void executorCoresBoundTheModelsThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(1, ExecutorCores.of("local", null));
        assertEquals(Math.min(2, cores), ExecutorCores.of("local[2]", null));
        assertEquals(Math.min(2, cores), ExecutorCores.of("local[2,3]", null));
        assertEquals(cores, ExecutorCores.of("local[*]", null));
        assertEquals(cores, ExecutorCores.of("local[" + (cores * 8) + "]", null), "capped at the processors");
        assertEquals(3, ExecutorCores.of("local-cluster[2, 3, 1024]", null));
        assertEquals(4, ExecutorCores.of("yarn", "4"));
        assertEquals(0, ExecutorCores.of("k8s://https://host:443", null), "unset: the executor JVM's processors");
    }

    @Test
    @Order(4)
    void badRowsAreReportedPerRowAndLongTextsTruncated() {
        String talk = TestSpark.texts().get(0);
        String longText = (talk + " ").repeat(200); // ~18,000 characters, far more than 256 tokens
        List<String> texts = new ArrayList<>(List.of(talk, "", longText));
        texts.add(null);
        Dataset<Row> df = frame(texts, false).repartition(2);
        SparkEmbedOptions options = SparkEmbedOptions.defaults().withMaxChars(5_000);

        Map<Long, Row> rows = byId(JembedSpark.embed(df, "text", "embedding", options));
        assertArrayEquals(reference.encode(talk), TestSpark.floats(rows.get(0L), "embedding"));
        assertArrayEquals(reference.encode(""), TestSpark.floats(rows.get(1L), "embedding"));
        // cut to 5,000 characters before tokenization, still the full text's vector: its first 256 tokens are there
        assertArrayEquals(reference.encode(longText), TestSpark.floats(rows.get(2L), "embedding"));
        assertNull(rows.get(2L).getAs("embedding_error"));
        assertNull(TestSpark.floats(rows.get(3L), "embedding"));
        assertEquals("the text is null", rows.get(3L).getAs("embedding_error"));

        Map<Long, Row> strict =
                byId(JembedSpark.embed(df, "text", "embedding", options.withOnLong(SparkEmbedOptions.OnLong.ERROR)));
        assertNull(TestSpark.floats(strict.get(2L), "embedding"));
        assertTrue(strict.get(2L).<String>getAs("embedding_error").contains("more than max_chars=5000"));
        assertArrayEquals(reference.encode(talk), TestSpark.floats(strict.get(0L), "embedding"));
    }

    @Test
    @Order(5)
    void onErrorFailFailsTheJobNamingTheRow() {
        Dataset<Row> df = frame(java.util.Arrays.asList("fine", null), false).coalesce(1);
        Dataset<Row> out =
                JembedSpark.embed(df, "text", "embedding", SparkEmbedOptions.fromMap(Map.of("on_error", "fail")));
        assertFalse(List.of(out.columns()).contains("embedding_error"));
        SparkException e = assertThrows(SparkException.class, out::collectAsList);
        JembedSparkException cause = causeOf(e);
        assertTrue(
                cause.getMessage().contains("column text, partition 0, row 1 of the partition: the text is null"),
                cause.getMessage());
    }

    @Test
    @Order(6)
    void aNonStringColumnIsReportedPerRowOrRejectedOnTheDriver() {
        Dataset<Row> numbers = spark.range(3)
                .toDF("id")
                .withColumn("n", org.apache.spark.sql.functions.col("id").cast("int"));
        Map<Long, Row> rows = byId(JembedSpark.embed(numbers, "n", "embedding", SparkEmbedOptions.defaults()));
        assertEquals(3, rows.size());
        for (Row r : rows.values()) {
            assertNull(TestSpark.floats(r, "embedding"));
            assertEquals("the value is int, not a string", r.getAs("embedding_error"));
        }
        JembedSparkException e = assertThrows(
                JembedSparkException.class,
                () -> JembedSpark.embed(
                        numbers,
                        "n",
                        "embedding",
                        SparkEmbedOptions.defaults().withOnError(SparkEmbedOptions.OnError.FAIL)));
        assertTrue(e.getMessage().contains("column n is int, not a string"), e.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> JembedSpark.embed(numbers, "body", "embedding", SparkEmbedOptions.defaults()));
        assertTrue(missing.getMessage().contains("no column \"body\""), missing.getMessage());
    }

    @Test
    @Order(7)
    void aMissingModelFailsOnTheDriverBeforeAnyTask() {
        Dataset<Row> df = frame(List.of("a text"), false);
        spark.sparkContext().setJobGroup("missing-model", "missing model", false);
        try {
            for (String model : List.of("/nonexistent/model-folder", "sentence-transformers/no-such-model")) {
                JembedSparkException e = assertThrows(
                        JembedSparkException.class,
                        () -> JembedSpark.embed(
                                df,
                                "text",
                                "embedding",
                                SparkEmbedOptions.defaults().withModel(model)));
                assertTrue(
                        e.getMessage().contains("the model \"" + model + "\" cannot be used (checked on the driver"),
                        e.getMessage());
            }
            assertEquals(
                    0, spark.sparkContext().statusTracker().getJobIdsForGroup("missing-model").length, "no job ran");
            // without the driver's check, the executor's load fails the task with the same kind of message
            Dataset<Row> unchecked = JembedSpark.embed(
                    df,
                    "text",
                    "embedding",
                    SparkEmbedOptions.defaults()
                            .withModel("/nonexistent/model-folder")
                            .withCheckModel(false));
            JembedSparkException cause = causeOf(assertThrows(SparkException.class, unchecked::collectAsList));
            assertTrue(cause.getMessage()
                    .contains("cannot load the model \"/nonexistent/model-folder\" on this executor"));
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    @Test
    @Order(8)
    void quantizedPrecisionsGiveIntArraysAndInt8NeedsRanges() {
        List<String> texts = TestSpark.texts().subList(0, 10);
        Dataset<Row> out = JembedSpark.embed(
                frame(texts, false).repartition(3),
                "text",
                "embedding",
                SparkEmbedOptions.fromMap(Map.of("precision", "ubinary")));
        assertEquals("array<int>", out.schema().apply("embedding").dataType().simpleString());
        var expected =
                reference.encode(texts, EncodeOptions.defaults().withPrecision(dev.jembed.pooling.Precision.UBINARY));
        for (Row r : out.collectAsList()) {
            List<Integer> got = r.getList(r.fieldIndex("embedding"));
            assertArrayEquals(
                    expected.intRow((int) r.getLong(0)),
                    got.stream().mapToInt(Integer::intValue).toArray());
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> SparkEmbedOptions.fromMap(Map.of("precision", "int8")));
        assertTrue(e.getMessage().contains("needs fixed calibration ranges"), e.getMessage());
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> SparkEmbedOptions.fromMap(Map.of("batchsize", "8")));
        assertTrue(unknown.getMessage().contains("unknown option"), unknown.getMessage());
    }

    @Test
    @Order(100)
    void stoppingTheSessionClosesTheModelsAndTheirThreads() throws InterruptedException {
        assertNotNull(ExecutorModels.get(
                new ExecutorModels.Key(SparkEmbedOptions.DEFAULT_MODEL, ExecutorCores.of("local[2]", null), null)));
        reference.close();
        spark.stop();
        // the listener bus delivers the application's end before stop() returns
        assertEquals(0, ExecutorModels.loaded());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jembed-")) {
                t.join(10_000);
                assertFalse(t.isAlive(), "a model thread survived: " + t.getName());
            }
        }
    }

    private static Map<Long, Row> byId(Dataset<Row> df) {
        Map<Long, Row> out = new HashMap<>();
        for (Row r : df.collectAsList()) out.put(r.getLong(0), r);
        return out;
    }

    private static JembedSparkException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JembedSparkException j) return j;
        }
        throw new AssertionError("no JembedSparkException in the causes of " + e, e);
    }
}
