package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    /**
     * With the Vector API loaded (the build always loads it), nothing may fall back to scalar code at
     * whatever width this JVM runs (the build also runs this with -XX:UseAVX=2 and -XX:MaxVectorSize=16):
     * real SIMD (more than one lane) picks the vector kernels, and then the matmul and the panel decoder
     * take their vector paths too.
     */
    @Test
    void preferredIsVectorWithRealSimdWhenTheModuleIsLoaded() {
        assertTrue(KernelSelection.vectorModulePresent(), "tests run with --add-modules jdk.incubator.vector");
        assertEquals(FloatVector.SPECIES_PREFERRED, VectorKernels.S);
        Kernels k = Kernels.preferred();
        if (VectorKernels.lanes() == 1) {
            assertInstanceOf(ScalarKernels.class, k, "a 1-lane species only emulates SIMD");
            return;
        }
        assertInstanceOf(VectorKernels.class, k, "preferred kernels fell back to " + k.name());
        assertTrue(VectorMatmul.SIMD, "the matmul would fall back to its scalar twin at " + VectorKernels.L + " lanes");
        assertTrue(
                VectorDecode.SIMD, "int8/bf16 panels would be decoded by scalar code at " + VectorKernels.L + " lanes");
        assertEquals(0, PackedMatrix.PANEL % VectorMatmul.TILE_COLS, "panels must hold whole tiles");
        assertTrue(
                k.name().startsWith("vector(FloatVector " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits"),
                k.name());
    }

    /** Without --add-modules jdk.incubator.vector the engine still runs, on the scalar twin. */
    @Test
    void fallsBackToScalarWithoutTheVectorModule() throws Exception {
        assertEquals("scalar 11.0", child());
        assertEquals("scalar 11.0", child("-Djembed.kernels=scalar"));
        assertTrue(child("-Djembed.kernels=vector").contains("jdk.incubator.vector is not loaded"));
    }

    private static String child(String... props) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(props));
        cmd.addAll(List.of(
                "-cp",
                dev.jembed.engine.testing.ChildJvm.classPath(FallbackProbe.class),
                FallbackProbe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.lines().filter(l -> !l.startsWith("WARNING")).reduce("", (x, y) -> x.isEmpty() ? y : x + "\n" + y);
    }

    @Test
    void propertyForcesAChoice() {
        assertInstanceOf(ScalarKernels.class, KernelSelection.choose("scalar"));
        assertInstanceOf(VectorKernels.class, KernelSelection.choose("vector"));
        Class<? extends Kernels> automatic = VectorKernels.lanes() > 1 ? VectorKernels.class : ScalarKernels.class;
        assertInstanceOf(automatic, KernelSelection.choose(null));
        assertInstanceOf(automatic, KernelSelection.choose(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSelection.choose("avx"));
        assertTrue(e.getMessage().contains("jembed.kernels=avx"), e.getMessage());
    }
}
