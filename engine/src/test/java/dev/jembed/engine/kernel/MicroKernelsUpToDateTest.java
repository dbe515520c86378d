package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in generated micro-kernels are what the generator writes today. */
class MicroKernelsUpToDateTest {
    @Test
    void generatedSourceIsUpToDate() throws IOException {
        Path file = Path.of("src/main/java/dev/jembed/engine/kernel/MicroKernels.java");
        assertEquals(
                MicroKernelsGenerator.source(),
                Files.readString(file, StandardCharsets.UTF_8),
                "MicroKernels.java differs from its generator's output; regenerate it with: java "
                        + "engine/src/test/java/dev/jembed/engine/kernel/MicroKernelsGenerator.java " + file);
    }
}
