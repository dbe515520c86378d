package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --backend}: cpu by default, auto's warning on stderr, tornado's one-line failure without the module. */
class BackendOptionTest {
    @TempDir
    Path dir;

    @Test
    void infoPrintsTheBackendAndItsDevice() throws IOException {
        Cli.Result r = Cli.run("info", "--model", TinyModel.folder(dir).toString());
        assertEquals(0, r.status(), r.stderr());
        String out = new String(r.stdout(), StandardCharsets.UTF_8);
        assertTrue(out.lines().anyMatch(l -> l.matches("backend: +cpu \\(Vector API on \\d+ cores \\(.+\\)\\)")), out);
    }

    @Test
    void autoWithoutTornadoRunsOnTheCpuWithAWarning() throws IOException {
        Path model = TinyModel.folder(dir);
        Cli.Result cpu = Cli.run("embed", "--model", model.toString(), "--format", "csv", "w1 w2");
        Cli.Result auto =
                Cli.run("embed", "--model", model.toString(), "--format", "csv", "--backend", "auto", "w1 w2");
        assertEquals(0, auto.status(), auto.stderr());
        assertTrue(
                auto.errLines().stream().anyMatch(l -> l.startsWith("jembed: warning: backend auto runs on the CPU: ")),
                auto.stderr());
        assertEquals(
                new String(cpu.stdout(), StandardCharsets.UTF_8), new String(auto.stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void tornadoWithoutTheModuleIsOneLineAndAFailure() throws IOException {
        Cli.Result r = Cli.run("embed", "--model", TinyModel.folder(dir).toString(), "--backend", "tornado", "w1");
        assertEquals(Main.FAILURE, r.status());
        assertEquals(1, r.errLines().size(), r.stderr());
        String line = r.errLines().getFirst();
        assertTrue(
                line.startsWith(
                        "jembed: backend tornado is not installed (installed: cpu); it needs the jembed-tornado module"
                                + " and a TornadoVM SDK (TORNADOVM_HOME)"),
                line);
        assertEquals(0, r.stdout().length);
    }

    @Test
    void anUnknownBackendIsAUsageError() throws IOException {
        Cli.Result r = Cli.run("info", "--model", TinyModel.folder(dir).toString(), "--backend", "cuda");
        assertEquals(Main.USAGE, r.status());
        assertEquals(
                List.of("jembed: --backend must be cpu, tornado or auto, got 'cuda' (see 'jembed info --help')"),
                r.errLines());
    }
}
