package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scalar twin against plain double-precision formulas. */
class ScalarKernelsTest {
    private final Kernels k = new ScalarKernels();

    @Test
    void matmulMatchesDoubleReference() {
        Random rnd = new Random(11);
        int[][] shapes = {{1, 1, 1}, {3, 7, 5}, {7, 383, 9}, {5, 385, 13}, {2, 1537, 7}};
        for (int[] sh : shapes) {
            int rows = sh[0], kk = sh[1], n = sh[2];
            for (Activation act : Activation.values()) {
                float[] a = TestData.gaussian(rnd, rows * kk, 1), w = TestData.gaussian(rnd, n * kk, 0.1);
                float[] b = TestData.gaussian(rnd, n, 0.5);
                float[] c = new float[rows * n];
                k.matmul(
                        new Dense(new RowMajorMatrix(TestData.segment(w, n), n, kk), MemorySegment.ofArray(b), act),
                        a,
                        0,
                        kk,
                        rows,
                        c,
                        0,
                        n,
                        0,
                        n);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < n; j++) {
                        double s = b[j], abs = Math.abs(b[j]);
                        for (int p = 0; p < kk; p++) {
                            s += (double) a[r * kk + p] * w[j * kk + p];
                            abs += Math.abs((double) a[r * kk + p] * w[j * kk + p]);
                        }
                        double ref = Reference.act(s, act);
                        assertEquals(ref, c[r * n + j], 2e-6 * (1 + abs), act + " " + rows + "x" + kk + "x" + n);
                    }
                }
            }
        }
    }

    @Test
    void addLayerNormMatchesDoubleReference() {
        Random rnd = new Random(12);
        for (int dim : new int[] {1, 7, 383, 384, 385, 1537}) {
            int rows = 3;
            float[] x = TestData.gaussian(rnd, rows * dim, 2), res = TestData.gaussian(rnd, rows * dim, 1);
            for (int i = 0; i < x.length; i++) x[i] += 5; // an offset mean makes a one-pass variance visibly worse
            float[] g = TestData.gaussian(rnd, dim, 1), b = TestData.gaussian(rnd, dim, 1);
            float[] out = new float[rows * dim];
            float eps = 1e-12f;
            k.addLayerNorm(
                    new LayerNormWeights(MemorySegment.ofArray(g), MemorySegment.ofArray(b), eps, dim),
                    x,
                    0,
                    res,
                    0,
                    rows,
                    out,
                    0);
            for (int r = 0; r < rows; r++) {
                double mean = 0, var = 0;
                for (int i = 0; i < dim; i++) mean += (double) (x[r * dim + i] + res[r * dim + i]);
                mean /= dim;
                for (int i = 0; i < dim; i++) var += Math.pow((x[r * dim + i] + res[r * dim + i]) - mean, 2);
                var /= dim;
                for (int i = 0; i < dim; i++) {
                    double n = ((x[r * dim + i] + res[r * dim + i]) - mean) / Math.sqrt(var + eps);
                    double ref = n * g[i] + b[i];
                    assertEquals(
                            ref, out[r * dim + i], 1e-5 * (Math.abs(n * g[i]) + Math.abs(b[i])) + 1e-6, "dim " + dim);
                }
            }
        }
    }

    @Test
    void softmaxMatchesDoubleReference() {
        Random rnd = new Random(13);
        for (int len : new int[] {1, 7, 128, 383, 385, 1537}) {
            float[] x = TestData.gaussian(rnd, len + 2, 8);
            float[] y = x.clone();
            k.softmax(y, 1, len);
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int i = 1; i <= len; i++) max = Math.max(max, x[i]);
            for (int i = 1; i <= len; i++) sum += Math.exp(x[i] - max);
            for (int i = 1; i <= len; i++) {
                double ref = Math.exp(x[i] - max) / sum;
                assertEquals(ref, y[i], 1e-6 * ref + 1e-9, "len " + len);
            }
            assertEquals(x[0], y[0]);
            assertEquals(x[len + 1], y[len + 1]);
        }
        float[] masked = {1f, Float.NEGATIVE_INFINITY, 1f};
        k.softmax(masked, 0, 3);
        assertEquals(0.5f, masked[0]);
        assertEquals(0f, masked[1]);
    }

    @Test
    void attentionMatchesDoubleReference() {
        Random rnd = new Random(14);
        int[][] shapes = {{1, 32, 1}, {7, 32, 3}, {20, 64, 2}, {9, 7, 3}, {130, 16, 2}};
        for (int[] sh : shapes) {
            int seq = sh[0], hd = sh[1], heads = sh[2], hidden = hd * heads, ld = 3 * hidden + 5;
            float[] qkv = TestData.gaussian(rnd, 2 + seq * ld, 1);
            float[] out = new float[seq * hidden];
            float scale = (float) (1 / Math.sqrt(hd));
            k.attention(
                    new AttentionLayout(ld, 0, hidden, 2 * hidden, hd, scale, hidden), qkv, 2, seq, 0, heads, out, 0);
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < seq; t++) {
                    double[] p = new double[seq];
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j < seq; j++) {
                        double s = 0;
                        for (int d = 0; d < hd; d++)
                            s += (double) qkv[2 + t * ld + h * hd + d] * qkv[2 + j * ld + hidden + h * hd + d];
                        p[j] = s * scale;
                        max = Math.max(max, p[j]);
                    }
                    for (int j = 0; j < seq; j++) sum += p[j] = Math.exp(p[j] - max);
                    for (int d = 0; d < hd; d++) {
                        double o = 0, abs = 0;
                        for (int j = 0; j < seq; j++) {
                            double term = p[j] / sum * qkv[2 + j * ld + 2 * hidden + h * hd + d];
                            o += term;
                            abs += Math.abs(term);
                        }
                        assertEquals(o, out[t * hidden + h * hd + d], 1e-5 * abs + 1e-7, "shape " + seq + "/" + hd);
                    }
                }
            }
        }
    }

    @Test
    void embeddingSumAddsWordTypeThenPosition() {
        Random rnd = new Random(15);
        int dim = 7, vocab = 11;
        float[] word = TestData.gaussian(rnd, vocab * dim, 1), type = TestData.gaussian(rnd, 2 * dim, 1);
        float[] pos = TestData.gaussian(rnd, 5 * dim, 1);
        int[] ids = {3, 10, 0}, types = {0, 1, 1}, poss = {0, 1, 4};
        float[] out = new float[1 + 3 * dim];
        k.embeddingSum(
                new EmbeddingTables(
                        MemorySegment.ofArray(word), MemorySegment.ofArray(type), MemorySegment.ofArray(pos), dim),
                ids,
                types,
                poss,
                3,
                out,
                1);
        float[] noType = new float[3 * dim];
        k.embeddingSum(
                new EmbeddingTables(MemorySegment.ofArray(word), null, MemorySegment.ofArray(pos), dim),
                ids,
                null,
                poss,
                3,
                noType,
                0);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < dim; i++) {
                assertEquals(
                        (word[ids[t] * dim + i] + type[types[t] * dim + i]) + pos[poss[t] * dim + i],
                        out[1 + t * dim + i]);
                assertEquals(word[ids[t] * dim + i] + pos[poss[t] * dim + i], noType[t * dim + i]);
            }
        }
    }

    @Test
    void activateAppliesTheFunctionInPlace() {
        float[] x = {-3f, -0.5f, 0f, 0.5f, 3f};
        for (Activation act : Activation.values()) {
            float[] y = x.clone();
            k.activate(y, 1, 3, act);
            assertEquals(x[0], y[0]);
            assertEquals(x[4], y[4]);
            for (int i = 1; i < 4; i++) assertEquals(Reference.act(x[i], act), y[i], 1e-7, act.name());
        }
    }
}
