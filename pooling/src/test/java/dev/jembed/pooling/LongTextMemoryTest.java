package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text of 20 million characters is embedded in a 160 MB heap: only the part the model can use
 * (max_seq_length 16 tokens here) is preprocessed and tokenized. Tokenizing it whole took hundreds
 * of bytes per character (an OutOfMemoryError here). The vector equals that of the text's first words.
 */
class LongTextMemoryTest {
    @TempDir
    Path tmp;

    @Test
    void aHugeTextIsEmbeddedInASmallHeapWithTheVectorOfItsBeginning() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("m"), "bert", TinyModels.MEAN, "Normalize");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-XX:+UseSerialGC",
                "-Xmx160m",
                "-cp",
                System.getProperty("java.class.path"),
                LongTextProbe.class.getName(),
                folder.toString(),
                "4000000"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = out.lines().filter(l -> !l.startsWith("WARNING:")).toList();
        assertEquals("tokens 16", lines.get(0), out);

        StringBuilder start = new StringBuilder();
        for (int i = 0; i < 40; i++) start.append('w').append(100 + i).append(' ');
        try (SentenceTransformer st =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1))) {
            assertEquals("long " + TierProbe.hex(st.encode(start.toString())), lines.get(1));
            assertEquals("short " + TierProbe.hex(st.encode("w5 w6")), lines.get(2));
        }
    }
}
