package dev.jembed.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The acceptance bar of the tornado backend against the cpu backend, row by row. */
final class Parity {
    /** Lowest cosine and largest absolute difference allowed between a device vector and the CPU's. */
    static final double MIN_COSINE = 0.99999, MAX_ABS = 1e-4;

    private Parity() {
    }

    /** What one comparison measured. */
    record Result(double minCosine, double maxAbs) {
        Result merge(Result o) {
            return new Result(Math.min(minCosine, o.minCosine), Math.max(maxAbs, o.maxAbs));
        }
    }

    /** Compares {@code [n][rows * width]} arrays row by row and asserts the bar. */
    static Result check(String what, float[][] cpu, float[][] device, int width) {
        assertEquals(cpu.length, device.length, what + ": number of outputs");
        double minCos = 1, maxAbs = 0;
        for (int s = 0; s < cpu.length; s++) {
            assertEquals(cpu[s].length, device[s].length, what + ": output " + s + " length");
            for (int r = 0; r < cpu[s].length / width; r++) {
                double dot = 0, a2 = 0, b2 = 0;
                for (int j = r * width; j < (r + 1) * width; j++) {
                    double a = cpu[s][j], b = device[s][j];
                    assertTrue(Float.isFinite(device[s][j]), what + ": output " + s + " element " + j + " is " + device[s][j]);
                    dot += a * b;
                    a2 += a * a;
                    b2 += b * b;
                    maxAbs = Math.max(maxAbs, Math.abs(a - b));
                }
                minCos = Math.min(minCos, dot / Math.sqrt(a2 * b2));
            }
        }
        Result r = new Result(minCos, maxAbs);
        assertTrue(minCos >= MIN_COSINE, what + ": lowest cosine " + minCos);
        assertTrue(maxAbs <= MAX_ABS, what + ": largest difference " + maxAbs);
        return r;
    }
}
