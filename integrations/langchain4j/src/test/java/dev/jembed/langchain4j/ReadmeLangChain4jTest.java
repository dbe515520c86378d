package dev.jembed.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's LangChain4j example, compiled and run (the working directory is the repository
 * root); cli's ReadmeMarkedExamplesTest checks that the README shows {@link #example()}.
 */
class ReadmeLangChain4jTest {
    private static final String QUESTION = "How can we trust the numbers on our dashboards?";

    @Test
    void exampleFindsTheTalksOnnxFinds() throws IOException {
        List<TextSegment> talks = Files.readAllLines(Path.of("examples/conference-talks.txt")).stream()
                .map(TextSegment::from)
                .toList();
        EmbeddingModel onnx = new AllMiniLmL6V2EmbeddingModel();
        InMemoryEmbeddingStore<TextSegment> reference = new InMemoryEmbeddingStore<>();
        reference.addAll(onnx.embedAll(talks).content(), talks);
        List<String> expected = texts(reference
                .search(EmbeddingSearchRequest.builder()
                        .queryEmbedding(onnx.embed(QUESTION).content())
                        .maxResults(3)
                        .build())
                .matches());
        System.out.println("LangChain4j ONNX top-3: " + expected);
        assertEquals(expected, texts(example()));
    }

    private static List<EmbeddingMatch<TextSegment>> example() throws IOException {
        List<EmbeddingMatch<TextSegment>> result;
        // --- the README example, verbatim ---
        try (JembedEmbeddingModel model = JembedEmbeddingModel.builder()
                .modelId("sentence-transformers/all-MiniLM-L6-v2")
                .threads(2)
                .build()) {
            List<TextSegment> talks = Files.readAllLines(Path.of("examples/conference-talks.txt")).stream()
                    .map(TextSegment::from)
                    .toList();
            InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
            store.addAll(model.embedAll(talks).content(), talks);
            Embedding query = model.embed("How can we trust the numbers on our dashboards?")
                    .content();
            List<EmbeddingMatch<TextSegment>> top3 = store.search(EmbeddingSearchRequest.builder()
                            .queryEmbedding(query)
                            .maxResults(3)
                            .build())
                    .matches();
            result = top3;
        }
        // --- end ---
        return result;
    }

    private static List<String> texts(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(m -> m.embedded().text()).toList();
    }
}
