package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.EncodeResult;
import dev.jembed.pooling.Precision;
import dev.jembed.pooling.SearchHit;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example, compiled and run: {@link #example} holds it verbatim, and the test
 * checks that every line of the README's java block still stands in this file, so the two cannot drift.
 */
class ReadmeExampleTest {

    private static float[][] queries;
    private static float[][] corpus;
    private static final List<String> texts =
            List.of("How many people live in London?", "Around 9 Million people live in London");

    @Test
    void readmeExampleRuns() throws Exception {
        try (SentenceTransformer model = SentenceTransformer.load("sentence-transformers/all-MiniLM-L6-v2")) {
            queries = model.encode(List.of("Which talk is about privacy?"));
            corpus = model.encode(Files.readAllLines(repoRoot().resolve("examples/conference-talks.txt")));
        }
        Result r = example();
        assertEquals(0.8824, r.score, 5e-5);
        assertEquals(3, r.hits.get(0).size());
        assertEquals(9, r.hits.get(0).get(0).corpusId(), "line 10 of the corpus is the privacy talk");
        assertEquals(Precision.INT8, r.int8.precision());
        assertEquals(2, r.int8.size());
        assertEquals(384, r.int8.bytes()[0].length);
    }

    @Test
    void readmeShowsThisExample() throws IOException {
        String readme = Files.readString(repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("```java\n");
        assertTrue(start >= 0, "README has a java example");
        String block = readme.substring(start + 8, readme.indexOf("```", start + 8));
        String source = squash(Files.readString(
                repoRoot().resolve("cli/src/test/java/dev/jembed/cli/ReadmeExampleTest.java"), StandardCharsets.UTF_8));
        for (String line :
                block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            assertTrue(source.contains(squash(line)), "README line not in the compiled example: " + line);
        }
    }

    private record Result(float score, List<List<SearchHit>> hits, EncodeResult int8) {}

    private static Result example() {
        float score;
        List<List<SearchHit>> hits;
        EncodeResult int8;
        // --- the README example, verbatim ---
        try (SentenceTransformer model = SentenceTransformer.load("sentence-transformers/all-MiniLM-L6-v2")) {
            float[][] vectors =
                    model.encode(List.of("How many people live in London?", "Around 9 Million people live in London"));
            /* README: */ score = model.similarity(vectors[0], vectors[1]); // cosine, as the model says: 0.8824
            /* README: */ hits = model.search(queries, corpus, 3); // like util.semantic_search
            /* README: */ int8 = model.encode(
                    texts, EncodeOptions.defaults().withBatchSize(64).withPrecision(Precision.INT8));
        }
        // --- end ---
        return new Result(score, hits, int8);
    }

    private static String squash(String s) {
        return s.replaceAll("/\\*.*?\\*/", "")
                .replaceAll("\\s+", "")
                .replace("floatscore=", "score=")
                .replace("List<List<SearchHit>>hits=", "hits=")
                .replace("EncodeResultint8=", "int8=");
    }

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("examples/conference-talks.txt"))) p = p.getParent();
        if (p == null)
            throw new IllegalStateException(
                    "repository root not found above " + Path.of("").toAbsolutePath());
        return p;
    }
}
