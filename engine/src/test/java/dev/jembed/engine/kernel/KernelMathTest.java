package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float formulas against double-precision references, and the lane-wise versions against them bit for bit. */
class KernelMathTest {

    @Test
    void expIsAccurateOverTheWholeRange() {
        Random rnd = new Random(1);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((rnd.nextDouble() * 2 - 1) * 87);
            double ref = Math.exp(x);
            worst = Math.max(worst, Math.abs(KernelMath.exp(x) - ref) / ref);
        }
        assertTrue(worst < 2.5e-7, "exp max rel error " + worst);
        assertEquals(1f, KernelMath.exp(0f));
        assertEquals(0f, KernelMath.exp(-100f));
        assertEquals(0f, KernelMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isNaN(KernelMath.exp(Float.NaN)));
    }

    @Test
    void erfIsAccurate() {
        Random rnd = new Random(2);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((rnd.nextDouble() * 2 - 1) * 5);
            double ref = Reference.erf(x);
            worst = Math.max(worst, Math.abs(KernelMath.erf(x) - ref) / Math.abs(ref));
        }
        assertTrue(worst < 5e-7, "erf max rel error " + worst);
    }

    /**
     * GELU in PyTorch's form {@code 0.5 x (1 + erf(x / sqrt 2))}: relative accuracy 1e-6 except for the
     * rounding of {@code 1 + erf} near 0 for negative x: erf's error near -1 (up to 4 ulp of 1) times 0.5|x|.
     */
    @Test
    void geluIsAccurate() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((rnd.nextDouble() * 2 - 1) * 10);
            double ref = Reference.gelu(x);
            double err = Math.abs(KernelMath.gelu(x) - ref);
            assertTrue(err <= 1e-6 * Math.abs(ref) + 2 * Math.abs(x) * Math.ulp(1f), x + ": " + err);
        }
    }

    /**
     * Tanh GELU: relative 1e-6, widened by the conditioning of exp(-2u) for negative x: u itself
     * carries up to 2 ulp of relative rounding error (x^3, fma, scale), which exp(-2u) multiplies by 2|u|.
     */
    @Test
    void geluTanhIsAccurate() {
        Random rnd = new Random(4);
        for (int i = 0; i < 200_000; i++) {
            float x = (float) ((rnd.nextDouble() * 2 - 1) * 10);
            double u = Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x);
            double ref = Reference.geluTanh(x);
            double err = Math.abs(KernelMath.geluTanh(x) - ref);
            assertTrue(err <= (1e-6 + 2 * Math.abs(u) * 2 * Math.ulp(1f)) * Math.abs(ref), x + ": " + err);
        }
    }

    @Test
    void laneWiseFunctionsEqualTheScalarOnesBitForBit() {
        int n = 5 * VectorKernels.L + 3;
        Random rnd = new Random(5);
        for (int round = 0; round < 4000; round++) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = switch (round % 4) {
                    case 0 -> (float) (rnd.nextGaussian() * 3);
                    case 1 -> (float) ((rnd.nextDouble() * 2 - 1) * 100);
                    case 2 -> (float) ((rnd.nextDouble() * 2 - 1) * 1e-3);
                    default -> Float.intBitsToFloat(rnd.nextInt());
                };
            }
            float shift = round % 2 == 0 ? 0f : x[rnd.nextInt(n)];
            float[] e = x.clone(), g = x.clone(), t = x.clone();
            VectorMath.expShifted(e, 1, n, shift);
            VectorMath.gelu(g, 1, n);
            VectorMath.geluTanh(t, 1, n);
            assertEquals(x[0], e[0]);
            for (int i = 1; i < n; i++) {
                float xi = x[i];
                assertEquals(KernelMath.exp(xi - shift), e[i], () -> "exp " + xi);
                assertEquals(KernelMath.gelu(xi), g[i], () -> "gelu " + xi);
                assertEquals(KernelMath.geluTanh(xi), t[i], () -> "geluTanh " + xi);
            }
        }
    }

    /** The width-independent sums of softmax and LayerNorm equal their scalar mirror bit for bit. */
    @Test
    void sum16MatchesItsScalarMirror() {
        Random rnd = new Random(6);
        for (int n : new int[] {1, 15, 16, 17, 100, 384, 1000}) {
            float[] x = new float[n + 3];
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < x.length; i++)
                    x[i] = (float) (rnd.nextGaussian() * Math.exp(rnd.nextGaussian() * 5));
                float center = (float) rnd.nextGaussian();
                for (boolean squares : new boolean[] {false, true}) {
                    assertEquals(
                            Float.floatToRawIntBits(VectorMath.sum16Scalar(x, 2, 2 + n, center, squares)),
                            Float.floatToRawIntBits(VectorMath.sum16(x, 2, 2 + n, center, squares)),
                            "n = " + n);
                }
            }
        }
    }
}
