package dev.jembed.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same hidden states, bit for bit, at every vector width and JIT tier: every sum in the kernels
 * runs in an order that depends only on the sizes (fma chains in input order; 16 virtual lanes
 * folded by a fixed tree), never on the lane count or on how C2 reassociates. Child JVMs with
 * {@code -XX:UseAVX=2} (256 bits on an AVX-512 host), {@code -XX:MaxVectorSize=16} (128 bits, as
 * NEON), C1 only and the interpreter.
 */
@Tag("slow")
class WidthInvarianceTest {
    private static final boolean X86 = System.getProperty("os.arch").equals("amd64");

    @Test
    void miniLmIsBitIdenticalAtEveryVectorWidth() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("native", probe("minilm"));
        if (X86) out.put("-XX:UseAVX=2", probe("minilm", "-XX:UseAVX=2"));
        out.put("-XX:MaxVectorSize=16", probe("minilm", "-XX:MaxVectorSize=16"));
        assertAllEqual(out);
    }

    @Test
    void tinyModelsAreBitIdenticalAtEveryWidthAndJitTier() throws Exception {
        for (String kind : List.of("bert", "distilbert", "roberta")) {
            Map<String, String> out = new LinkedHashMap<>();
            out.put("native", probe(kind));
            if (X86) out.put("-XX:UseAVX=2", probe(kind, "-XX:UseAVX=2"));
            out.put("-XX:MaxVectorSize=16", probe(kind, "-XX:MaxVectorSize=16"));
            out.put("-XX:TieredStopAtLevel=1", probe(kind, "-XX:TieredStopAtLevel=1"));
            out.put("-Xint", probe(kind, "-Xint"));
            assertAllEqual(out);
        }
    }

    private static void assertAllEqual(Map<String, String> out) {
        String first = out.values().iterator().next().split(" ")[1];
        for (Map.Entry<String, String> e : out.entrySet()) {
            assertEquals(first, e.getValue().split(" ")[1], "hidden states differ with " + e.getKey() + ": " + out);
        }
    }

    private static String probe(String model, String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of(
                "-cp",
                dev.jembed.engine.testing.ChildJvm.classPath(WidthProbe.class),
                WidthProbe.class.getName(),
                model));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), text);
        return text.lines()
                .filter(l -> l.startsWith("sha256 "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text));
    }
}
