package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class KernelSelectionTest {

    /** Issue 5's guard: with the Vector API loaded (the build always loads it), nothing may fall back to scalar. */
    @Test
    void preferredIsVectorWithRealSimdWhenTheModuleIsLoaded() {
        assertTrue(KernelSelection.vectorModulePresent(), "tests run with --add-modules jdk.incubator.vector");
        Kernels k = Kernels.preferred();
        assertInstanceOf(VectorKernels.class, k, "preferred kernels fell back to " + k.name());
        assertTrue(VectorKernels.lanes() >= 8, "species " + VectorKernels.S + " has fewer than 8 float lanes");
        assertEquals(FloatVector.SPECIES_PREFERRED, VectorKernels.S);
        assertEquals("vector(FloatVector " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits)", k.name());
    }

    @Test
    void propertyForcesAChoice() {
        assertInstanceOf(ScalarKernels.class, KernelSelection.choose("scalar"));
        assertInstanceOf(VectorKernels.class, KernelSelection.choose("vector"));
        assertInstanceOf(VectorKernels.class, KernelSelection.choose(null));
        assertInstanceOf(VectorKernels.class, KernelSelection.choose(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSelection.choose("avx"));
        assertTrue(e.getMessage().contains("jembed.kernels=avx"), e.getMessage());
    }
}
