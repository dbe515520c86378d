package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.lucene.CorpusIndex;
import dev.jembed.lucene.IndexHit;
import dev.jembed.lucene.VectorIndexReader;
import dev.jembed.lucene.VectorQuantization;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Lucene example, compiled and run here (the lucene module cannot reach the embedded
 * model without a dependency cycle); its lines must stand in {@link #example()}, with
 * {@code Path.of(} standing for this test's {@code ROOT.resolve(} and {@code TMP.resolve(}.
 */
class ReadmeLuceneTest {
    private static final String MARKER = "<!-- example: cli/src/test/java/dev/jembed/cli/ReadmeLuceneTest.java -->";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path TMP;

    @Test
    void exampleFindsThePrivacyTalk() throws IOException {
        List<IndexHit> hits = example();
        assertEquals(3, hits.size());
        assertEquals(9, hits.get(0).line(), "line 10 of the corpus is the privacy talk");
        assertEquals("Privacy-preserving analytics: differential privacy in practice", hits.get(0).text());
    }

    @Test
    void readmeShowsThisExample() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README has the Lucene example marker");
        int start = readme.indexOf("```java\n", marker) + 8;
        String block = readme.substring(start, readme.indexOf("```", start));
        String source = squash(Files.readString(ROOT.resolve("cli/src/test/java/dev/jembed/cli/ReadmeLuceneTest.java"),
                StandardCharsets.UTF_8));
        for (String line : block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            assertTrue(source.contains(squash(line)), "README line not in the compiled example: " + line);
        }
    }

    private static List<IndexHit> example() throws IOException {
        List<IndexHit> result;
        // --- the README example, verbatim ---
        try (SentenceTransformer model = SentenceTransformer.load("sentence-transformers/all-MiniLM-L6-v2")) {
            List<String> talks = Files.readAllLines(ROOT.resolve("examples/conference-talks.txt"));
            CorpusIndex.add(TMP.resolve("talks.idx"), talks, model, VectorQuantization.NONE, EncodeOptions.defaults());
            try (VectorIndexReader index = VectorIndexReader.open(TMP.resolve("talks.idx"))) {
                List<IndexHit> hits = CorpusIndex.search(index, model, "Which talk is about privacy?", 3);
                result = hits;
            }
        }
        // --- end ---
        return result;
    }

    private static String squash(String s) {
        return s.replace("ROOT.resolve(", "Path.of(").replace("TMP.resolve(", "Path.of(").replaceAll("\\s+", "");
    }
}
