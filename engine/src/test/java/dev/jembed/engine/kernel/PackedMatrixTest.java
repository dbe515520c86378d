package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void rejectsBadShapes() {
        MemorySegment w = MemorySegment.ofArray(new float[12]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 4, 4));
        assertTrue(e.getMessage().contains("48 bytes") && e.getMessage().contains("64"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 3, -1));
        assertThrows(IllegalArgumentException.class, () -> PackedMatrix.pack(w, 1 << 20, 1 << 12));
    }
}
