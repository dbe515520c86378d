package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's integration examples cannot drift from the tests that compile and run them: each
 * java block after a {@code <!-- example: PATH -->} marker must stand, line by line (whitespace
 * aside), in the test source at PATH, where {@code ROOT.resolve(} and {@code TMP.resolve(} may
 * stand for the README's {@code Path.of(}.
 */
class ReadmeMarkedExamplesTest {
    private static final Pattern MARKER =
            Pattern.compile("<!-- example: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyMarkedExampleStandsInItsTest() throws IOException {
        Matcher m = MARKER.matcher(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String source = squash(Files.readString(ROOT.resolve(m.group(1)), StandardCharsets.UTF_8));
            for (String line : m.group(2)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList()) {
                assertTrue(source.contains(squash(line)), "README line not in " + m.group(1) + ": " + line);
            }
            checked.add(m.group(1));
        }
        assertEquals(
                List.of(
                        "integrations/langchain4j/src/test/java/dev/jembed/langchain4j/ReadmeLangChain4jTest.java",
                        "integrations/spring-ai/src/test/java/dev/jembed/springai/SpringBootContextTest.java",
                        "cli/src/test/java/dev/jembed/cli/ReadmeLuceneTest.java"),
                checked);
    }

    private static String squash(String s) {
        return s.replace("ROOT.resolve(", "Path.of(")
                .replace("TMP.resolve(", "Path.of(")
                .replaceAll("\\s+", "");
    }
}
