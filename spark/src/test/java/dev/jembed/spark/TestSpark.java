package dev.jembed.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the Spark tests share: a local[2] session (one per test class) and the test texts. */
final class TestSpark {
    private TestSpark() {}

    /** A local[2] session as CI runs it: no UI, loopback only, few shuffle partitions. */
    static SparkSession session(String name) {
        return SparkSession.builder()
                .appName(name)
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /** examples/conference-talks.txt of the repository. */
    static Path conferenceTalks() {
        return Path.of("..", "examples", "conference-talks.txt")
                .toAbsolutePath()
                .normalize();
    }

    /** The conference talks, then the first 40 lines of the bench corpus: 70 texts of 5 to 60 words. */
    static List<String> texts() {
        try {
            List<String> texts = new ArrayList<>(Files.readAllLines(conferenceTalks(), StandardCharsets.UTF_8));
            try (var in = TestSpark.class.getResourceAsStream("/bench-corpus-head40.txt")) {
                texts.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList());
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The float32 vector in column {@code name} of {@code row}, or null. */
    static float[] floats(Row row, String name) {
        int i = row.fieldIndex(name);
        if (row.isNullAt(i)) return null;
        List<Float> list = row.getList(i);
        float[] out = new float[list.size()];
        for (int j = 0; j < out.length; j++) out[j] = list.get(j);
        return out;
    }
}
