package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.fixtures.TestFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on the real embedded all-MiniLM-L6-v2, run in-process through {@link Main} exactly
 * as {@code ./jembed} runs them.
 */
class EndToEndTest {
    private static final String[] LONDON = {
        "How many people live in London?",
        "Around 9 Million people live in London",
        "London is known for its financial district"
    };
    /**
     * The pairs of LONDON whose cosines were computed outside the project from ONNX Runtime 1.23.2's embeddings
     * of the same model (fixture {@code minilm/reference_ort_single.json}, {@code cosine_first_three}).
     */
    private static final String[] LONDON_PAIRS = {"0-1", "0-2", "1-2"};

    private static final Path TALKS = Path.of("..", "examples", "conference-talks.txt");

    @TempDir
    Path dir;

    private static Cli.Result ok(String... args) {
        return ok(new byte[0], args);
    }

    private static Cli.Result ok(byte[] stdin, String... args) {
        Cli.Result r = Cli.run(stdin, args);
        assertEquals(0, r.status(), r.stderr());
        return r;
    }

    /**
     * The printed scores are the reference cosines to the 4 decimals printed: within half a unit of the
     * last digit, plus the float rounding by which jembed's vectors may differ from ONNX Runtime's.
     */
    @Test
    void similarityPrintsTheReferenceScoresOfTheLondonSentences() throws IOException {
        String reference = TestFixtures.text("minilm/reference_ort_single.json");
        reference = reference.substring(reference.indexOf("\"cosine_first_three\""));
        Path pairs = Files.writeString(
                dir.resolve("pairs.tsv"),
                LONDON[0] + "\t" + LONDON[1] + "\n" + LONDON[0] + "\t" + LONDON[2] + "\n" + LONDON[1] + "\t" + LONDON[2]
                        + "\n");
        List<String> printed = ok("similarity", "--pairs", pairs.toString()).outLines();
        assertEquals(3, printed.size(), printed.toString());
        for (int i = 0; i < 3; i++) {
            String line = printed.get(i);
            assertTrue(line.matches("0\\.\\d{4}"), line);
            Matcher cosine = Pattern.compile("\"" + LONDON_PAIRS[i] + "\":\\s*([0-9.eE+-]+)")
                    .matcher(reference);
            assertTrue(cosine.find(), LONDON_PAIRS[i] + " in the fixture");
            assertEquals(
                    Double.parseDouble(cosine.group(1)),
                    Double.parseDouble(line),
                    0.5e-4 + 1e-6,
                    "pair " + LONDON_PAIRS[i]);
        }
        assertEquals(
                List.of(printed.getFirst()),
                ok("similarity", LONDON[0], LONDON[1]).outLines());
    }

    @Test
    void searchFindsTheObviousTalk() {
        List<String> lines = ok(
                        "search", "--corpus", TALKS.toString(), "--top-k", "3", "differential privacy for analytics")
                .outLines();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertEquals("differential privacy for analytics", lines.get(0));
        assertTrue(
                lines.get(1)
                        .matches(" {2}0\\.\\d{4} {2}Privacy-preserving analytics: differential privacy in practice"),
                lines.get(1));

        String json = ok(
                        "search",
                        "--corpus",
                        TALKS.toString(),
                        "--top-k",
                        "2",
                        "--json",
                        "streaming with Kafka",
                        "dashboards")
                .out();
        List<String> objects = json.lines().toList();
        assertEquals(2, objects.size());
        assertTrue(
                objects.get(0)
                        .startsWith(
                                "{\"query\": \"streaming with Kafka\", \"hits\": [{\"corpus_id\": 2, \"score\": 0."),
                objects.get(0));
        assertTrue(
                objects.get(0).contains("\"text\": \"Streaming analytics with Apache Kafka and Flink"), objects.get(0));
        assertEquals(2, objects.get(1).split("corpus_id").length - 1);
    }

    @Test
    void everyInputLineGetsOneVectorEvenEmptyAndInvalidOnes() {
        byte[] input = {'h', 'e', 'l', 'l', 'o', '\n', '\n', 'b', 'a', 'd', (byte) 0xC3, '\n', 'e', 'n', 'd'};
        Cli.Result r = ok(input, "embed");
        assertEquals(
                List.of(
                        "jembed: warning: standard input: invalid UTF-8 replaced by U+FFFD (1 sequence, the first on line 3)"),
                r.errLines());
        List<String> lines = r.outLines();
        assertEquals(4, lines.size());
        for (String l : lines) assertEquals(384, l.substring(1, l.length() - 1).split(",").length, l);
        // the empty line is the empty text: [CLS] [SEP], as sentence-transformers embeds ""
        assertEquals(lines.get(1), ok("embed", "").outLines().getFirst());
        assertEquals(List.of("[101, 102]"), ok("tokenize", "").outLines());
        assertEquals(lines.get(0), ok("embed", "hello").outLines().getFirst());
    }

    @Test
    void quantizedPrecisionsFollowTheFloatVectors() throws IOException {
        Path input = Files.write(dir.resolve("london.txt"), List.of(LONDON), StandardCharsets.UTF_8);
        Path floats = dir.resolve("f.npy"), bits = dir.resolve("b.npy"), int8 = dir.resolve("i.npy");
        ok("embed", "--input", input.toString(), "--output", floats.toString());
        ok("embed", "--input", input.toString(), "--output", bits.toString(), "--precision", "ubinary");
        ok("embed", "--input", input.toString(), "--output", int8.toString(), "--precision", "int8");
        float[][] f = readNpyFloats(Files.readAllBytes(floats), 3, 384);
        byte[] b = Files.readAllBytes(bits);
        assertArrayEquals(NpyWriter.header(NpyWriter.DType.UINT8, 3, 48), Arrays.copyOf(b, 128));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 384; j++) {
                int bit = (b[128 + i * 48 + j / 8] >> (7 - j % 8)) & 1;
                assertEquals(f[i][j] > 0 ? 1 : 0, bit, "row " + i + " dim " + j);
            }
        }
        byte[] q = Files.readAllBytes(int8);
        assertArrayEquals(NpyWriter.header(NpyWriter.DType.INT8, 3, 384), Arrays.copyOf(q, 128));
        assertEquals(128 + 3 * 384, q.length);
    }

    @Test
    void infoDescribesTheEmbeddedModelAndTheRuntime() {
        String info = ok("info").out();
        for (String expected : List.of(
                "model:               sentence-transformers/all-MiniLM-L6-v2 (embedded in jembed)",
                "architecture:        BERT, 6 layers, hidden size 384, 12 heads, vocabulary 30522",
                "dimensions:          384",
                "pooling:             mean",
                "normalized:          yes (Normalize module)",
                "max length:          256 tokens",
                "similarity:          cosine",
                "kernels:             ",
                "threads:             ",
                "jdk:                 ")) {
            assertTrue(info.contains(expected), expected + " in\n" + info);
        }
        assertTrue(ok("info", "--threads", "1").out().contains("threads:             1 (of "));
        assertTrue(info.contains("weights:             f32"), info);
        assertTrue(ok("info", "--weights", "int8").out().contains("weights:             int8"));
    }

    @Test
    void reducedPrecisionWeightsGiveNearlyTheSameVectors() throws IOException {
        Path input = Files.write(dir.resolve("london-weights.txt"), List.of(LONDON), StandardCharsets.UTF_8);
        Path f32 = dir.resolve("w32.npy");
        ok("embed", "--input", input.toString(), "--output", f32.toString());
        float[][] reference = readNpyFloats(Files.readAllBytes(f32), 3, 384);
        for (String format : List.of("bf16", "int8")) {
            Path out = dir.resolve("w-" + format + ".npy");
            ok("embed", "--weights", format, "--input", input.toString(), "--output", out.toString());
            float[][] v = readNpyFloats(Files.readAllBytes(out), 3, 384);
            for (int i = 0; i < 3; i++) {
                double dot = 0;
                for (int j = 0; j < 384; j++) dot += (double) v[i][j] * reference[i][j];
                assertTrue(dot > 0.995, format + " row " + i + ": cosine to f32 " + dot);
                assertTrue(dot < 1, format + " row " + i + " should differ from f32 at all: " + dot);
            }
        }
    }

    @Test
    void tokenizeUsesTheModelsTokenizerByDefault() {
        assertEquals(
                List.of("[101, 7592, 1010, 2088, 999, 102]"),
                ok("tokenize", "Hello, world!").outLines());
        assertEquals(
                List.of("[101, 7592, 102]", "[101, 102]"),
                ok("Hello\n\n".getBytes(StandardCharsets.UTF_8), "tokenize").outLines());
    }

    static float[][] readNpyFloats(byte[] file, int rows, int cols) {
        assertArrayEquals(NpyWriter.header(NpyWriter.DType.FLOAT32, rows, cols), Arrays.copyOf(file, 128));
        assertEquals(128 + (long) rows * cols * 4, file.length);
        ByteBuffer b = ByteBuffer.wrap(file, 128, file.length - 128).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[rows][cols];
        for (float[] row : out) for (int j = 0; j < cols; j++) row[j] = b.getFloat();
        return out;
    }
}
