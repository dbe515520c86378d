package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher and the tornado backend, against a stand-in JDK that prints its arguments and a
 * stand-in TornadoVM SDK: the SDK's argfile (without '.' on its module path) and the tornado module
 * join the command line only for {@code --backend tornado|auto} with {@code TORNADOVM_HOME} set.
 */
class LauncherTornadoTest {
    @TempDir
    Path root;

    Path sdk;

    @BeforeEach
    void layout() throws IOException {
        LauncherFixture.install(root, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n");
        Files.writeString(
                Files.createDirectories(root.resolve("tornado/target")).resolve("jembed-tornado-1.jar"), "");
        sdk = Files.createDirectories(root.resolve("sdk"));
        Files.writeString(
                sdk.resolve("tornado-argfile"), "-XX:+UseParallelGC\n--module-path .:/sdk/share/java/tornado\n");
    }

    private record Run(int status, List<String> args, String stderr) {}

    private Run run(String tornadoHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(root.resolve("jembed").toString(), "info"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("JEMBED_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("TORNADOVM_HOME");
        if (tornadoHome != null) pb.environment().put("TORNADOVM_HOME", tornadoHome);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("JEMBED_AOT", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out.lines().toList(), err);
    }

    private String classPath(Run r) {
        return r.args().get(r.args().indexOf("-cp") + 1);
    }

    @Test
    void tornadoAddsTheSdksOptionsAndTheModule() throws Exception {
        for (String backend : List.of("tornado", "auto")) {
            Run r = run(sdk.toString(), "--backend", backend);
            assertEquals(0, r.status(), r.stderr());
            Path argfile = root.resolve("cli/target/tornado-argfile");
            assertTrue(r.args().contains("@" + argfile), r.args().toString());
            assertEquals(
                    List.of("-XX:+UseParallelGC", "--module-path /sdk/share/java/tornado"),
                    Files.readAllLines(argfile));
            assertFalse(r.args().contains("-XX:+UseSerialGC"), "the SDK picks the collector: " + r.args());
            assertTrue(classPath(r).endsWith(":" + root.resolve("tornado/target/jembed-tornado-1.jar")), classPath(r));
        }
    }

    @Test
    void nothingIsAddedForTheCpuOrWithoutAnSdk() throws Exception {
        for (Run r : List.of(
                run(sdk.toString()), run(sdk.toString(), "--backend", "cpu"), run(null, "--backend", "tornado"))) {
            assertEquals(0, r.status(), r.stderr());
            assertTrue(
                    r.args().stream().noneMatch(a -> a.startsWith("@")),
                    r.args().toString());
            assertTrue(r.args().contains("-XX:+UseSerialGC"), r.args().toString());
            assertFalse(classPath(r).contains("jembed-tornado"), classPath(r));
        }
    }

    @Test
    void anSdkWithoutItsArgfileIsOneClearLine() throws Exception {
        Run r = run(root.resolve("not-an-sdk").toString(), "--backend", "tornado");
        assertEquals(1, r.status());
        assertEquals(
                List.of("jembed: TORNADOVM_HOME=" + root.resolve("not-an-sdk")
                        + " has no tornado-argfile; is it a TornadoVM SDK" + " (see the README's GPU section)?"),
                r.stderr().lines().toList());
    }
}
