package dev.jembed.springai;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.SimpleVectorStore;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Spring Boot test context with auto-configuration on: the jembed model is injected as Spring
 * AI's {@link EmbeddingModel}, and a {@link SimpleVectorStore} over the conference talks finds
 * the talks LangChain4j's ONNX all-MiniLM-L6-v2 finds. Also runs the README's Spring AI example
 * (the working directory is the repository root, see this module's pom; cli's
 * ReadmeMarkedExamplesTest checks the README shows it). One context for the class.
 */
@SpringBootTest(
        classes = SpringBootContextTest.App.class,
        properties = {"jembed.threads=2", "jembed.batch-size=8"})
class SpringBootContextTest {

    /** The application: nothing but auto-configuration. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {}

    // --- the README example, verbatim ---
    @Autowired
    EmbeddingModel embeddingModel; // jembed's, from the auto-configuration

    List<String> topTalks(String question) throws IOException {
        VectorStore store = SimpleVectorStore.builder(embeddingModel).build();
        store.add(Files.readAllLines(Path.of("examples/conference-talks.txt")).stream()
                .map(Document::new)
                .toList());
        return store
                .similaritySearch(
                        SearchRequest.builder().query(question).topK(3).build())
                .stream()
                .map(Document::getText)
                .toList();
    }
    // --- end ---

    @Test
    void theInjectedModelIsJembedsAsConfigured() {
        JembedEmbeddingModel jembed = assertInstanceOf(JembedEmbeddingModel.class, embeddingModel);
        assertEquals("sentence-transformers/all-MiniLM-L6-v2", jembed.modelName());
        assertEquals(384, embeddingModel.dimensions());
    }

    @Test
    void simpleVectorStoreFindsTheExpectedTalks() throws IOException {
        // the top 3 of LangChain4j's ONNX all-MiniLM-L6-v2 over the same lines (its InMemoryEmbeddingStore,
        // integrations/langchain4j ReadmeLangChain4jTest), best first
        assertEquals(
                List.of(
                        "Visualization that persuades: designing dashboards executives actually read",
                        "Data quality testing: catching broken pipelines before the dashboard does",
                        "Privacy-preserving analytics: differential privacy in practice"),
                topTalks("How can we trust the numbers on our dashboards?"));
    }

    @Test
    void callReportsIndicesModelAndTokenUsage() {
        List<String> texts = List.of("How many people live in London?", "Around 9 Million people live in London");
        EmbeddingResponse response = embeddingModel.call(new EmbeddingRequest(texts, null));
        assertEquals(2, response.getResults().size());
        assertEquals(1, response.getResults().get(1).getIndex());
        assertArrayEquals(
                embeddingModel.embed(texts.get(1)), response.getResults().get(1).getOutput());
        assertEquals(
                "sentence-transformers/all-MiniLM-L6-v2", response.getMetadata().getModel());
        // [CLS] how many people live in london ? [SEP] and [CLS] around 9 million people live in london [SEP]
        assertEquals(9 + 9, response.getMetadata().getUsage().getPromptTokens());
        assertArrayEquals(embeddingModel.embed(texts.get(0)), embeddingModel.embed(new Document(texts.get(0))));
        float[] v = embeddingModel.embed(texts.get(0));
        float[] w = embeddingModel.embed(texts.get(1));
        float dot = 0;
        for (int i = 0; i < v.length; i++) dot += v[i] * w[i];
        assertEquals(0.8824, dot, 5e-5, "the README's London pair");
    }

    @Test
    void requestsForAnotherModelOrDimensionAreRefused() {
        var other = new EmbeddingRequest(
                List.of("x"), EmbeddingOptions.builder().model("org/other").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> embeddingModel.call(other));
        assertTrue(e.getMessage().contains("org/other"), e.getMessage());
        var dims = new EmbeddingRequest(
                List.of("x"), EmbeddingOptions.builder().dimensions(768).build());
        assertThrows(IllegalArgumentException.class, () -> embeddingModel.call(dims));
    }
}
