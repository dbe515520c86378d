package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The operand records reject inconsistent shapes when built, and the matmul rejects columns outside the weight. */
class KernelOperandsTest {
    private static final MemorySegment SIX_FLOATS = MemorySegment.ofArray(new float[6]);

    @Test
    void recordsRejectSegmentsTooShortForTheirShape() {
        assertThrows(IllegalArgumentException.class, () -> new RowMajorMatrix(SIX_FLOATS, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> new RowMajorMatrix(SIX_FLOATS, 0, 4));
        WeightMatrix w = new RowMajorMatrix(SIX_FLOATS, 3, 2);
        assertThrows(
                IllegalArgumentException.class,
                () -> new Dense(w, MemorySegment.ofArray(new float[2]), Activation.NONE));
        assertThrows(IllegalArgumentException.class, () -> new LayerNormWeights(SIX_FLOATS, SIX_FLOATS, 1e-12f, 7));
        assertThrows(IllegalArgumentException.class, () -> AttentionLayout.fusedQkv(384, 7));
    }

    @Test
    void matmulRejectsColumnsOutsideTheWeight() {
        Dense layer = Dense.of(new RowMajorMatrix(SIX_FLOATS, 3, 2));
        for (Kernels k : new Kernels[] {new ScalarKernels(), new VectorKernels()}) {
            float[] a = new float[2], c = new float[4];
            assertThrows(IndexOutOfBoundsException.class, () -> k.matmul(layer, a, 0, 2, 1, c, 0, 4, 0, 4));
            assertThrows(IndexOutOfBoundsException.class, () -> k.matmul(layer, a, 0, 2, 1, c, 0, 4, 2, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> k.matmul(layer, a, 0, 2, 1, c, 0, 4, -1, 2));
        }
    }

    @Test
    void fusedQkvLayoutIsQueryKeyValueSideBySide() {
        AttentionLayout l = AttentionLayout.fusedQkv(384, 12);
        assertEquals(new AttentionLayout(1152, 0, 384, 768, 32, (float) (1 / Math.sqrt(32)), 384), l);
    }
}
