package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No JIT trap: whatever the call order, every micro-kernel reaches C2 (tier 4) and none is given up
 * by a compiler. The earlier 6 x 4 tile failed its C1 tier-3 compile (out of LIR registers) and was
 * left at tier 2, 30 times slower, when small shapes ran first. Runs in a child JVM with
 * {@code -Xbatch} (synchronous compiles, so the outcome does not depend on timing).
 */
class MicroKernelsJitTest {
    private static final Pattern TIER4 = Pattern.compile(
            "^\\s*\\d+\\s+\\d+\\s+[^\\d]*4\\s+dev\\.jembed\\.engine\\.kernel\\.MicroKernels::tile(\\d) ");

    @Test
    void everyTileReachesC2AfterTinyShapesRanFirst() throws Exception {
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "-Xbatch",
                "-XX:+PrintCompilation",
                "-cp",
                dev.jembed.engine.testing.ChildJvm.classPath(JitProbe.class),
                JitProbe.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        Set<String> c2 = new TreeSet<>();
        for (String line : out.lines().toList()) {
            boolean kernelLine = line.contains("MicroKernels::") || line.contains("VectorMatmul::");
            assertTrue(
                    !kernelLine || !(line.contains("COMPILE SKIPPED") || line.contains("not compilable")),
                    "a compiler gave up on a kernel: " + line);
            Matcher m = TIER4.matcher(line);
            if (m.find()) c2.add(m.group(1));
        }
        assertEquals(Set.of("1", "2", "3", "4", "5", "6"), c2, "tiles compiled by C2");
    }
}
