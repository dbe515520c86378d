package dev.jembed.pooling;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lane sums of {@link VectorOps} follow one written-down order (per-lane FMA chains, then the
 * folding tree), so the interpreter and C2 agree bit for bit; {@code reduceLanes(ADD)} did not
 * promise that, and normalized embeddings moved in their last bits once the JIT compiled it.
 */
class VectorOpsOrderTest {
    private static final int L = VectorOps.SPECIES.length();

    /** The scalar mirror: lane j accumulates elements j, j + L, ... by FMA; lanes fold pairwise; the tail follows. */
    private static float mirrorDot(float[] a, float[] b, int n) {
        float[] lanes = new float[L];
        int upper = n - n % L;
        for (int i = 0; i < upper; i++) lanes[i % L] = Math.fma(a[i], b[i], lanes[i % L]);
        for (int w = L; w >= 2; w >>= 1) {
            for (int i = 0; i < w / 2; i++) lanes[i] = lanes[i] + lanes[i + w / 2];
        }
        float s = lanes[0];
        for (int i = upper; i < n; i++) s = Math.fma(a[i], b[i], s);
        return s;
    }

    @Test
    void dotAndNormFollowTheWrittenOrder() {
        Random r = new Random(7);
        for (int n : new int[]{1, 7, L, 3 * L + 5, 384, 768}) {
            for (int trial = 0; trial < 200; trial++) {
                float[] a = new float[n], b = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) r.nextGaussian() * (1 << r.nextInt(8));
                    b[i] = (float) r.nextGaussian();
                }
                assertEquals(mirrorDot(a, b, n), VectorOps.dot(a, 0, b, 0, n), "n = " + n);
                assertEquals((float) Math.sqrt(mirrorDot(a, a, n)), VectorOps.norm(a, 0, n), "n = " + n);
                float[] four = new float[4];
                VectorOps.dot4(a, b, a, b, b, n, four);
                assertEquals(mirrorDot(a, b, n), four[0]);
                assertEquals(mirrorDot(b, b, n), four[1]);
            }
        }
    }
}
