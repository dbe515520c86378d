package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jembed} launcher script, run against a stand-in JDK whose {@code java} prints the
 * options it got on standard output and JVM-style chatter on standard error: a collector named by
 * the user wins over the launcher's, the JVM is told to report on standard error, and the
 * incubator warning is dropped wherever it comes among the first lines.
 */
class LauncherTest {
    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path root;

    @BeforeEach
    void layout() throws IOException {
        LauncherFixture.install(root, """
                #!/usr/bin/env bash
                echo "Picked up JAVA_TOOL_OPTIONS: $JAVA_TOOL_OPTIONS" >&2
                echo "[0.003s][warning][gc,ergo] MaxNewSize is greater than the heap" >&2
                echo "%s" >&2
                echo "progress 1/2" >&2
                printf '%%s\\n' "$@"
                """.formatted(WARNING));
    }

    private record Run(List<String> args, String stderr) {}

    private Run run(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("jembed").toString(), "info");
        pb.environment().remove("JEMBED_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("JEMBED_AOT", "off");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return new Run(out.lines().toList(), err);
    }

    @Test
    void theLaunchersCollectorOnlyWhenTheUserNamesNone() throws Exception {
        Run plain = run(Map.of());
        assertTrue(
                plain.args().stream().anyMatch(a -> a.matches("-XX:\\+Use\\w*GC")),
                plain.args().toString());
        for (var env : List.of(
                Map.of("JEMBED_JAVA_OPTS", "-Xmx1g -XX:+UseParallelGC"),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseG1GC"),
                Map.of("JDK_JAVA_OPTIONS", "-XX:+UseZGC -Xss4m"))) {
            Run r = run(env);
            List<String> collectors =
                    r.args().stream().filter(a -> a.matches("-XX:\\+Use\\w*GC")).toList();
            assertEquals(
                    env.containsKey("JEMBED_JAVA_OPTS") ? List.of("-XX:+UseParallelGC") : List.of(),
                    collectors,
                    env.toString());
        }
    }

    @Test
    void theBuildsJvmFlagsComeFirst() throws Exception {
        List<String> args = run(Map.of()).args();
        List<String> flags = List.of(
                Files.readString(root.resolve("cli/target/jvm.args")).trim().split("\\s+"));
        assertTrue(flags.contains("jdk.incubator.vector"), flags.toString());
        assertEquals(flags, args.subList(0, flags.size()));
    }

    @Test
    void theJvmReportsOnStandardError() throws Exception {
        List<String> args = run(Map.of()).args();
        assertTrue(args.contains("-XX:+DisplayVMOutputToStderr"), args.toString());
        assertTrue(
                args.stream().anyMatch(a -> a.startsWith("-Xlog:all=warning") && a.endsWith(":stderr")),
                args.toString());
    }

    @Test
    void theIncubatorWarningIsDroppedEvenAfterOtherJvmLines() throws Exception {
        Run r = run(Map.of("JAVA_TOOL_OPTIONS", "-Dx=1"));
        assertFalse(r.stderr().contains(WARNING), r.stderr());
        assertEquals(
                List.of(
                        "Picked up JAVA_TOOL_OPTIONS: -Dx=1",
                        "[0.003s][warning][gc,ergo] MaxNewSize is greater than the heap",
                        "progress 1/2"),
                r.stderr().lines().toList());
    }
}
