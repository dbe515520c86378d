package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jembed.lucene.CorpusIndex;
import dev.jembed.lucene.IndexHit;
import dev.jembed.lucene.VectorIndexReader;
import dev.jembed.lucene.VectorQuantization;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Lucene example, compiled and run here (the lucene module cannot reach the embedded
 * model without a dependency cycle); {@link ReadmeMarkedExamplesTest} checks the README shows
 * {@link #example()}, with {@code Path.of(} for this test's {@code ROOT.resolve(} and {@code TMP.resolve(}.
 */
class ReadmeLuceneTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path TMP;

    @Test
    void exampleFindsThePrivacyTalk() throws IOException {
        List<IndexHit> hits = example();
        assertEquals(3, hits.size());
        assertEquals(9, hits.get(0).line(), "line 10 of the corpus is the privacy talk");
        assertEquals(
                "Privacy-preserving analytics: differential privacy in practice",
                hits.get(0).text());
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
}
