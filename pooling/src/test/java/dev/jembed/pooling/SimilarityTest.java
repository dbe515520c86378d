package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Similarity functions against straightforward double-precision formulas and the MiniLM reference cosines. */
class SimilarityTest {

    static double reference(SimilarityFunction f, float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0, l2 = 0, l1 = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            l1 += Math.abs((double) a[i] - b[i]);
        }
        return switch (f) {
            case COSINE -> dot / (Math.max(Math.sqrt(na), 1e-12) * Math.max(Math.sqrt(nb), 1e-12));
            case DOT -> dot;
            case EUCLIDEAN -> -Math.sqrt(l2);
            case MANHATTAN -> -l1;
        };
    }

    /** Gaussian vectors of norm about 1, the scale of real sentence embeddings. */
    static float[][] random(Random rnd, int n, int dim) {
        float[][] out = new float[n][dim];
        for (float[] r : out) for (int d = 0; d < dim; d++) r[d] = (float) (rnd.nextGaussian() / Math.sqrt(dim));
        return out;
    }

    @Test
    void matrixAndPairwiseMatchTheFormulas() {
        Random rnd = new Random(7);
        for (int dim : new int[] {1, 7, 32, 384, 389}) {
            float[][] a = random(rnd, 5, dim), b = random(rnd, 5, dim);
            for (SimilarityFunction f : SimilarityFunction.values()) {
                float[][] m = f.matrix(a, b);
                float[] p = f.pairwise(a, b);
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 5; j++) {
                        double ref = reference(f, a[i], b[j]);
                        assertEquals(ref, m[i][j], 1e-6 * Math.max(1, Math.abs(ref)), f + " dim " + dim);
                        assertEquals(m[i][j], f.score(a[i], b[j]), 1e-6 * Math.max(1, Math.abs(ref)), f + " score");
                    }
                    assertEquals(m[i][i], p[i], 0f, f + " pairwise equals the diagonal");
                }
            }
        }
    }

    @Test
    void zeroVectorHasCosineZeroNotNaN() {
        assertEquals(0f, SimilarityFunction.COSINE.score(new float[3], new float[] {1, 2, 3}));
    }

    /**
     * The cosines of the first three MiniLM reference sentences were computed outside the project from ONNX
     * Runtime's embeddings; jembed's cosine must give them from the normalized embeddings and, since cosine
     * ignores length, from the unnormalized mean-pooled vectors (norms about 5.4 to 5.9, not 1) as well.
     */
    @Test
    void miniLmLondonCosines() {
        List<Fixtures.MiniLmSentence> s = Fixtures.miniLm();
        Map<String, Double> ref = Fixtures.miniLmCosines();
        for (int[] pair : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
            double expected = ref.get(pair[0] + "-" + pair[1]);
            Fixtures.MiniLmSentence a = s.get(pair[0]), b = s.get(pair[1]);
            assertEquals(expected, SimilarityFunction.COSINE.score(a.embedding(), b.embedding()), 1e-6);
            assertEquals(expected, SimilarityFunction.COSINE.score(a.meanPooled(), b.meanPooled()), 1e-6);
        }
    }

    @Test
    void namesAndErrors() {
        for (SimilarityFunction f : SimilarityFunction.values())
            assertEquals(f, SimilarityFunction.fromName(f.pythonName()));
        assertEquals(SimilarityFunction.DOT, SimilarityFunction.fromName("dot_product"));
        assertThrows(IllegalArgumentException.class, () -> SimilarityFunction.fromName("jaccard"));
        assertThrows(IllegalArgumentException.class, () -> SimilarityFunction.DOT.score(new float[2], new float[3]));
        assertThrows(
                IllegalArgumentException.class,
                () -> SimilarityFunction.DOT.pairwise(new float[2][2], new float[3][2]));
    }
}
