package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.BackendUnavailableException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LoadOptions#withBackend}: {@code cpu} is the default, {@code auto} without an offload
 * backend runs on the CPU and says why among the model's warnings, an absent backend fails the load.
 */
class BackendOptionTest {
    @TempDir
    Path tmp;

    @Test
    void autoFallsBackToTheCpuWithAWarningAndTheSameVectors() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("m"), "bert", TinyModels.MEAN, "Normalize");
        LoadOptions options = LoadOptions.defaults().withThreads(1);
        assertNull(options.backend());
        assertEquals("auto", options.withBackend("auto").backend());
        try (SentenceTransformer cpu = SentenceTransformer.load(folder, options.withBackend("cpu"));
                SentenceTransformer auto = SentenceTransformer.load(folder, options.withBackend("auto"))) {
            assertTrue(
                    cpu.info().backend().startsWith("cpu (Vector API on "),
                    cpu.info().backend());
            assertTrue(
                    cpu.warnings().stream().noneMatch(w -> w.contains("backend")),
                    cpu.warnings().toString());
            assertTrue(auto.info().backend().startsWith("cpu ("), auto.info().backend());
            assertTrue(
                    auto.warnings().stream().anyMatch(w -> w.startsWith("backend auto runs on the CPU: ")),
                    auto.warnings().toString());
            List<String> texts = List.of("hello world", "a b c");
            float[][] a = cpu.encode(texts), b = auto.encode(texts);
            for (int i = 0; i < texts.size(); i++) assertArrayEquals(a[i], b[i]);
        }
    }

    @Test
    void tornadoWithoutTheModuleFailsTheLoad() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("m"), "bert", TinyModels.MEAN, "Normalize");
        var e = assertThrows(
                BackendUnavailableException.class,
                () -> SentenceTransformer.load(
                        folder, LoadOptions.defaults().withThreads(1).withBackend("tornado")));
        assertTrue(e.getMessage().contains("TORNADOVM_HOME"), e.getMessage());
    }
}
