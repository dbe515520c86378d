package dev.jembed.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's LangChain4j example, compiled and run (the working directory is the repository
 * root); every line of the README's block must stand in {@link #example()}, so the two cannot drift.
 */
class ReadmeLangChain4jTest {
    private static final String MARKER = "<!-- example: integrations/langchain4j/src/test/java/dev/jembed/langchain4j/ReadmeLangChain4jTest.java -->";
    private static final String QUESTION = "How can we trust the numbers on our dashboards?";

    @Test
    void exampleFindsTheTalksOnnxFinds() throws IOException {
        List<TextSegment> talks = Files.readAllLines(Path.of("examples/conference-talks.txt")).stream().map(TextSegment::from).toList();
        EmbeddingModel onnx = new AllMiniLmL6V2EmbeddingModel();
        InMemoryEmbeddingStore<TextSegment> reference = new InMemoryEmbeddingStore<>();
        reference.addAll(onnx.embedAll(talks).content(), talks);
        List<String> expected = texts(reference.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(onnx.embed(QUESTION).content()).maxResults(3).build()).matches());
        System.out.println("LangChain4j ONNX top-3: " + expected);
        assertEquals(expected, texts(example()));
    }

    @Test
    void readmeShowsThisExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README has the LangChain4j example marker");
        int start = readme.indexOf("```java\n", marker) + 8;
        String block = readme.substring(start, readme.indexOf("```", start));
        String source = squash(Files.readString(Path.of(
                "integrations/langchain4j/src/test/java/dev/jembed/langchain4j/ReadmeLangChain4jTest.java"), StandardCharsets.UTF_8));
        for (String line : block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            assertTrue(source.contains(squash(line)), "README line not in the compiled example: " + line);
        }
    }

    private static List<EmbeddingMatch<TextSegment>> example() throws IOException {
        List<EmbeddingMatch<TextSegment>> result;
        // --- the README example, verbatim ---
        try (JembedEmbeddingModel model = JembedEmbeddingModel.builder()
                .modelId("sentence-transformers/all-MiniLM-L6-v2").threads(2).build()) {
            List<TextSegment> talks = Files.readAllLines(Path.of("examples/conference-talks.txt")).stream()
                    .map(TextSegment::from).toList();
            InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
            store.addAll(model.embedAll(talks).content(), talks);
            Embedding query = model.embed("How can we trust the numbers on our dashboards?").content();
            List<EmbeddingMatch<TextSegment>> top3 = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(query).maxResults(3).build()).matches();
            result = top3;
        }
        // --- end ---
        return result;
    }

    private static List<String> texts(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(m -> m.embedded().text()).toList();
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }
}
