package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.WeightFormat;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackedMatrixTest {

    @Test
    void keepsEveryWeightAtItsPlace() {
        Random rnd = new Random(31);
        for (int[] sh : new int[][] {{1, 1}, {7, 3}, {64, 5}, {65, 9}, {130, 2}}) {
            int n = sh[0], k = sh[1];
            float[] w = TestData.gaussian(rnd, n * k, 1);
            PackedMatrix p = PackedMatrix.pack(TestData.segment(w, n), n, k);
            assertEquals(n, p.n());
            assertEquals(k, p.k());
            for (int j = 0; j < n; j++) {
                for (int q = 0; q < k; q++) assertEquals(w[j * k + q], p.get(j, q));
            }
            int panels = (n + PackedMatrix.PANEL - 1) / PackedMatrix.PANEL;
            assertEquals(panels * PackedMatrix.PANEL * k, p.data.length);
        }
    }

    @Test
    void bf16RoundsToNearestEven() {
        // 1 + 2^-8 lies halfway between bf16 1.0 and 1.0078125: ties go to the even mantissa (1.0)
        assertEquals(1.0f, bf16(1f + 0x1p-8f));
        // 1.0078125 + 2^-8 is halfway too, and its even neighbour is 1.015625
        assertEquals(1.015625f, bf16(1.0078125f + 0x1p-8f));
        assertEquals(1.0078125f, bf16(1f + 0x1p-8f + 0x1p-20f));
        assertEquals(-3.140625f, bf16(-3.14159265f));
        assertEquals(Float.POSITIVE_INFINITY, bf16(Float.MAX_VALUE));
        assertTrue(Float.isNaN(bf16(Float.NaN)));
    }

    private static float bf16(float x) {
        return PackedMatrix.pack(MemorySegment.ofArray(new float[] {x}), 1, 1, WeightFormat.BF16)
                .get(0, 0);
    }

    @Test
    void int8KeepsEachRowWithinHalfAStepOfItsScale() {
        Random rnd = new Random(33);
        int n = 70, k = 45;
        float[] w = TestData.gaussian(rnd, n * k, 0.2);
        java.util.Arrays.fill(w, 3 * k, 4 * k, 0f); // an all-zero row: scale 0, every weight decodes to 0
        PackedMatrix p = PackedMatrix.pack(TestData.segment(w, 1), n, k, WeightFormat.INT8);
        assertEquals(WeightFormat.INT8, p.format());
        for (int j = 0; j < n; j++) {
            float max = 0f;
            for (int q = 0; q < k; q++) max = Math.max(max, Math.abs(w[j * k + q]));
            float scale = max / 127f;
            assertEquals(scale, p.scales[j]);
            for (int q = 0; q < k; q++) {
                assertEquals(w[j * k + q], p.get(j, q), scale / 2 * 1.0001f, "w[" + j + "][" + q + "]");
                assertEquals(Math.round(w[j * k + q] / (scale == 0 ? 1 : scale)) * scale, p.get(j, q));
            }
        }
        int padded = (n + PackedMatrix.PANEL - 1) / PackedMatrix.PANEL * PackedMatrix.PANEL; // 70 -> 96
        assertEquals((long) padded * k + 4L * padded, p.byteSize()); // one byte per weight, a float scale per row
    }

    @Test
    void int8RefusesNonFiniteWeights() {
        float[] w = {1f, Float.NaN, 2f, 3f};
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PackedMatrix.pack(MemorySegment.ofArray(w), 2, 2, WeightFormat.INT8));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void parsesFormatNames() {
        assertEquals(WeightFormat.INT8, WeightFormat.parse(" INT8 "));
        assertEquals(WeightFormat.BF16, WeightFormat.parse("bfloat16"));
        assertEquals(WeightFormat.F32, WeightFormat.parse("fp32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightFormat.parse("q4"));
        assertTrue(e.getMessage().contains("f32, bf16 or int8"), e.getMessage());
    }

    @Test
    void rejectsBadShapes() {
        MemorySegment w = MemorySegment.ofArray(new float[12]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 4, 4));
        assertTrue(e.getMessage().contains("48 bytes") && e.getMessage().contains("64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 3, -1));
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 1 << 20, 1 << 12));
    }
}
