package dev.jembed.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jembed.engine.WeightFormat;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every Vector API kernel against its scalar twin on awkward sizes, with tolerances scaled to the terms summed. */
class VectorKernelsTest {
    private final Kernels vec = new VectorKernels();
    private final Kernels sca = new ScalarKernels();
    /** Both micro-kernel tile heights (and an odd one), whichever this CPU uses by default. */
    private final Kernels[] families = {new VectorKernels(6), new VectorKernels(3), new VectorKernels(4)};

    private static final int[] SIZES = {1, 7, 16, 383, 384, 385, 1537};

    /** Row-major weights follow the same exact sequence as packed ones: bit-identical to the scalar twin. */
    @Test
    void matmulEqualsScalarBitForBit() {
        Random rnd = new Random(21);
        int[][] shapes = {
            {1, 1, 1},
            {1, 7, 7},
            {7, 383, 385},
            {5, 385, 383},
            {37, 384, 50},
            {4, 1537, 13},
            {9, 16, 1537},
            {6, 1536, 7},
            {2, 17, 31},
            {383, 7, 9},
            {385, 33, 65}
        };
        int variant = 0;
        for (int[] sh : shapes) {
            int rows = sh[0], k = sh[1], n = sh[2];
            for (Activation act : Activation.values()) {
                int lda = k + 3, ldc = n + 2;
                float[] a = TestData.gaussian(rnd, 1 + rows * lda, 1), w = TestData.gaussian(rnd, n * k, 0.1);
                float[] b = TestData.gaussian(rnd, n, 0.5);
                MemorySegment ws = TestData.segment(w, variant),
                        bs = variant % 2 == 0 ? TestData.segment(b, variant + 1) : null;
                variant++;
                Dense rowMajor = new Dense(new RowMajorMatrix(ws, n, k), bs, act);
                float[] cs = new float[rows * ldc];
                sca.matmul(rowMajor, a, 1, lda, rows, cs, 0, ldc, 0, n);
                for (Kernels vk : families) {
                    float[] cv = new float[rows * ldc];
                    vk.matmul(rowMajor, a, 1, lda, rows, cv, 0, ldc, 0, n);
                    assertArrayEquals(cs, cv, vk + " " + act + " " + rows + "x" + k + "x" + n);
                    int from = rnd.nextInt(n), to = from + rnd.nextInt(n - from + 1);
                    float[] part = nans(cv.length);
                    vk.matmul(rowMajor, a, 1, lda, rows, part, 0, ldc, from, to);
                    assertColumns(cv, part, 0, ldc, rows, from, to, vk + " " + act + " " + rows + "x" + k + "x" + n);
                }
            }
        }
    }

    /**
     * The packed matmul's contract is an exact operation sequence, so the Vector API result must equal
     * the scalar twin's (packed, and unpacked which sums in the same order) bit for bit.
     */
    @Test
    void packedMatmulEqualsScalarBitForBit() {
        Random rnd = new Random(28);
        int[][] shapes = {
            {1, 1, 1},
            {1, 7, 7},
            {7, 383, 385},
            {5, 385, 383},
            {37, 384, 50},
            {4, 1537, 13},
            {9, 16, 1537},
            {6, 1536, 70},
            {2, 17, 31},
            {3, 64, 129},
            {11, 5, 64},
            {385, 9, 33},
            {383, 1, 7}
        };
        int variant = 0;
        for (int[] sh : shapes) {
            int rows = sh[0], k = sh[1], n = sh[2];
            for (Activation act : Activation.values()) {
                int lda = k + 1, ldc = n + 3;
                float[] a = TestData.gaussian(rnd, 2 + rows * lda, 1), w = TestData.gaussian(rnd, n * k, 0.1);
                MemorySegment ws = TestData.segment(w, variant);
                MemorySegment bs =
                        variant % 2 == 0 ? TestData.segment(TestData.gaussian(rnd, n, 0.5), variant + 1) : null;
                variant++;
                PackedMatrix pw = PackedMatrix.pack(ws, n, k);
                float[] cs = new float[rows * ldc + 1], cu = new float[rows * ldc + 1];
                Dense packed = new Dense(pw, bs, act), rowMajor = new Dense(new RowMajorMatrix(ws, n, k), bs, act);
                sca.matmul(packed, a, 2, lda, rows, cs, 1, ldc, 0, n);
                sca.matmul(rowMajor, a, 2, lda, rows, cu, 1, ldc, 0, n);
                String what = act + " " + rows + "x" + k + "x" + n;
                assertArrayEquals(cs, cu, what);
                for (Kernels vk : families) {
                    float[] cv = new float[rows * ldc + 1];
                    vk.matmul(packed, a, 2, lda, rows, cv, 1, ldc, 0, n);
                    assertArrayEquals(cs, cv, vk + " " + what);
                    int from = rnd.nextInt(n), to = from + rnd.nextInt(n - from + 1);
                    float[] part = nans(cv.length);
                    vk.matmul(packed, a, 2, lda, rows, part, 1, ldc, from, to);
                    assertColumns(cv, part, 1, ldc, rows, from, to, vk + " " + what);
                }
            }
        }
    }

    /**
     * bf16 and int8 weights: the Vector API result equals the scalar twin's bit for bit, and both equal
     * the float32 matmul of the decoded weights (the formats change values, never the operation order).
     */
    @Test
    void reducedPrecisionMatmulEqualsFloat32OfTheDecodedWeights() {
        Random rnd = new Random(32);
        int[][] shapes = {
            {1, 1, 1}, {7, 383, 385}, {37, 384, 50}, {4, 1537, 13}, {9, 16, 129}, {385, 9, 33}, {6, 1536, 64}
        };
        int variant = 0;
        for (WeightFormat format : new WeightFormat[] {WeightFormat.BF16, WeightFormat.INT8}) {
            for (int[] sh : shapes) {
                int rows = sh[0], k = sh[1], n = sh[2];
                Activation act = Activation.values()[variant % Activation.values().length];
                int lda = k + 1, ldc = n + 3;
                float[] a = TestData.gaussian(rnd, 2 + rows * lda, 1), w = TestData.gaussian(rnd, n * k, 0.1);
                MemorySegment bs =
                        variant % 2 == 0 ? TestData.segment(TestData.gaussian(rnd, n, 0.5), variant + 1) : null;
                PackedMatrix pw = PackedMatrix.pack(TestData.segment(w, variant), n, k, format);
                variant++;
                float[] decoded = new float[n * k];
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) decoded[j * k + p] = pw.get(j, p);
                }
                PackedMatrix reference = PackedMatrix.pack(TestData.segment(decoded, 0), n, k);
                float[] expected = new float[rows * ldc + 1], cs = new float[rows * ldc + 1];
                Dense packed = new Dense(pw, bs, act), float32 = new Dense(reference, bs, act);
                sca.matmul(float32, a, 2, lda, rows, expected, 1, ldc, 0, n);
                sca.matmul(packed, a, 2, lda, rows, cs, 1, ldc, 0, n);
                String what = format + " " + act + " " + rows + "x" + k + "x" + n;
                assertArrayEquals(expected, cs, "scalar " + what);
                for (Kernels vk : families) {
                    float[] cv = new float[rows * ldc + 1];
                    vk.matmul(packed, a, 2, lda, rows, cv, 1, ldc, 0, n);
                    assertArrayEquals(expected, cv, vk + " " + what);
                    int from = rnd.nextInt(n), to = from + rnd.nextInt(n - from + 1);
                    float[] part = nans(cv.length);
                    vk.matmul(packed, a, 2, lda, rows, part, 1, ldc, from, to);
                    assertColumns(cv, part, 1, ldc, rows, from, to, vk + " " + what);
                }
            }
        }
    }

    @Test
    void packedMatmulIsDeterministicAcrossRowsAndColumnSplits() {
        Random rnd = new Random(29);
        for (int[] sh : new int[][] {{37, 385, 101}, {37, 384, 128}, {37, 7, 29}}) {
            int rows = sh[0], k = sh[1], n = sh[2];
            float[] a = TestData.gaussian(rnd, rows * k, 1);
            PackedMatrix w = PackedMatrix.pack(TestData.segment(TestData.gaussian(rnd, n * k, 0.1), n), n, k);
            MemorySegment bs = TestData.segment(TestData.gaussian(rnd, n, 1), 0);
            for (Kernels vk : families) {
                for (Activation act : Activation.values()) {
                    float[] all = new float[rows * n];
                    Dense layer = new Dense(w, bs, act);
                    vk.matmul(layer, a, 0, k, rows, all, 0, n, 0, n);
                    for (int r = 0; r < rows; r++) {
                        float[] one = nans(n);
                        int s1 = rnd.nextInt(n + 1), s2 = s1 + rnd.nextInt(n - s1 + 1);
                        vk.matmul(layer, a, r * k, k, 1, one, 0, n, s2, n);
                        vk.matmul(layer, a, r * k, k, 1, one, 0, n, 0, s1);
                        vk.matmul(layer, a, r * k, k, 1, one, 0, n, s1, s2);
                        assertArrayEquals(
                                Arrays.copyOfRange(all, r * n, r * n + n),
                                one,
                                vk + " row " + r + " split " + s1 + "/" + s2);
                    }
                    for (int r0 = 0; r0 < rows; r0 += 5) {
                        int len = Math.min(5, rows - r0);
                        float[] part = nans(len * n);
                        vk.matmul(layer, a, r0 * k, k, len, part, 0, n, 0, n);
                        assertArrayEquals(Arrays.copyOfRange(all, r0 * n, (r0 + len) * n), part);
                    }
                }
            }
        }
    }

    @Test
    void packedMatmulWritesOnlyItsColumnRange() {
        Random rnd = new Random(30);
        int rows = 7, k = 33, n = 150;
        float[] a = TestData.gaussian(rnd, rows * k, 1);
        PackedMatrix w = PackedMatrix.pack(TestData.segment(TestData.gaussian(rnd, n * k, 0.1), 0), n, k);
        for (Kernels kern : new Kernels[] {families[0], families[1], sca}) {
            float[] c = new float[rows * n];
            Arrays.fill(c, Float.NaN);
            kern.matmul(new Dense(w, null, Activation.GELU), a, 0, k, rows, c, 0, n, 37, 101);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < n; j++) {
                    boolean inside = j >= 37 && j < 101;
                    assertEquals(inside, !Float.isNaN(c[r * n + j]), kern.name() + " r " + r + " j " + j);
                }
            }
        }
    }

    /**
     * Batch and thread invariance at the kernel level: an output row computed alone, inside a
     * 37-row call, or in pieces of any column range, is the same bits.
     */
    @Test
    void matmulIsDeterministicAcrossRowsAndColumnSplits() {
        Random rnd = new Random(22);
        for (Kernels kern : new Kernels[] {families[0], families[1], sca}) {
            for (int[] sh : new int[][] {{37, 385, 101}, {37, 384, 48}, {37, 7, 29}}) {
                int rows = sh[0], k = sh[1], n = sh[2];
                float[] a = TestData.gaussian(rnd, rows * k, 1), w = TestData.gaussian(rnd, n * k, 0.1);
                MemorySegment ws = TestData.segment(w, n), bs = TestData.segment(TestData.gaussian(rnd, n, 1), 0);
                for (Activation act : Activation.values()) {
                    float[] all = new float[rows * n];
                    Dense layer = new Dense(new RowMajorMatrix(ws, n, k), bs, act);
                    kern.matmul(layer, a, 0, k, rows, all, 0, n, 0, n);
                    for (int r = 0; r < rows; r++) {
                        float[] one = nans(n);
                        int s1 = rnd.nextInt(n + 1), s2 = s1 + rnd.nextInt(n - s1 + 1);
                        kern.matmul(layer, a, r * k, k, 1, one, 0, n, s2, n);
                        kern.matmul(layer, a, r * k, k, 1, one, 0, n, 0, s1);
                        kern.matmul(layer, a, r * k, k, 1, one, 0, n, s1, s2);
                        assertArrayEquals(
                                Arrays.copyOfRange(all, r * n, r * n + n),
                                one,
                                kern.name() + " row " + r + " split " + s1 + "/" + s2);
                    }
                    // a row window that starts mid-batch, as a sequence packed after others would
                    float[] mid = nans(5 * n);
                    kern.matmul(layer, a, 3 * k, k, 5, mid, 0, n, 0, n);
                    assertArrayEquals(Arrays.copyOfRange(all, 3 * n, 8 * n), mid, kern.name());
                }
            }
        }
    }

    @Test
    void addLayerNormAgreesWithScalarAndIsRowInvariant() {
        Random rnd = new Random(23);
        for (int dim : SIZES) {
            int rows = 5;
            float[] x = TestData.gaussian(rnd, 2 + rows * dim, 3), res = TestData.gaussian(rnd, 1 + rows * dim, 1);
            MemorySegment g = TestData.segment(TestData.gaussian(rnd, dim, 1), dim);
            MemorySegment b = TestData.segment(TestData.gaussian(rnd, dim, 1), dim + 1);
            for (boolean withRes : new boolean[] {true, false}) {
                float[] rr = withRes ? res : null;
                float[] ov = new float[rows * dim], os = new float[rows * dim];
                LayerNormWeights norm = new LayerNormWeights(g, b, 1e-12f, dim);
                vec.addLayerNorm(norm, x, 2, rr, 1, rows, ov, 0);
                sca.addLayerNorm(norm, x, 2, rr, 1, rows, os, 0);
                for (int i = 0; i < ov.length; i++) {
                    assertEquals(os[i], ov[i], 1e-5 * (1 + Math.abs(os[i])), "dim " + dim);
                }
                float[] last = nans(dim);
                vec.addLayerNorm(norm, x, 2 + (rows - 1) * dim, rr, 1 + (rows - 1) * dim, 1, last, 0);
                assertArrayEquals(Arrays.copyOfRange(ov, (rows - 1) * dim, rows * dim), last);
                // in place: out aliases x
                float[] xi = x.clone();
                vec.addLayerNorm(norm, xi, 2, rr, 1, rows, xi, 2);
                assertArrayEquals(ov, Arrays.copyOfRange(xi, 2, 2 + rows * dim));
            }
        }
    }

    @Test
    void softmaxAgreesWithScalar() {
        Random rnd = new Random(24);
        for (int len : SIZES) {
            float[] x = TestData.gaussian(rnd, len + 3, 6);
            float[] v = x.clone(), s = x.clone();
            vec.softmax(v, 3, len);
            sca.softmax(s, 3, len);
            for (int i = 0; i < x.length; i++) assertEquals(s[i], v[i], 2e-6 * Math.abs(s[i]) + 1e-9, "len " + len);
        }
        float[] masked = {
            Float.NEGATIVE_INFINITY,
            2f,
            2f,
            Float.NEGATIVE_INFINITY,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f,
            0f
        };
        vec.softmax(masked, 0, masked.length);
        assertEquals(0f, masked[0]);
        assertEquals(0f, masked[3]);
    }

    @Test
    void activateEqualsScalarBitForBit() {
        Random rnd = new Random(25);
        for (int len : SIZES) {
            float[] x = TestData.gaussian(rnd, len + 1, 4);
            for (Activation act : Activation.values()) {
                float[] v = x.clone(), s = x.clone();
                vec.activate(v, 1, len, act);
                sca.activate(s, 1, len, act);
                assertArrayEquals(s, v, act + " len " + len);
            }
        }
    }

    @Test
    void attentionAgreesWithScalarAndIsHeadRangeInvariant() {
        Random rnd = new Random(26);
        int[][] shapes = {
            {1, 32, 2},
            {7, 32, 3},
            {16, 64, 2},
            {129, 64, 2},
            {385, 32, 1},
            {13, 7, 3},
            {9, 1, 4},
            {5, 16, 2},
            {383, 7, 1},
            {7, 383, 1},
            {3, 385, 2}
        };
        for (int[] sh : shapes) {
            int seq = sh[0], hd = sh[1], heads = sh[2], hidden = hd * heads, ld = 3 * hidden + 1;
            float[] qkv = TestData.gaussian(rnd, 1 + seq * ld, 1.5);
            float scale = (float) (1 / Math.sqrt(hd));
            float[] ov = new float[seq * hidden], os = new float[seq * hidden];
            AttentionLayout layout = new AttentionLayout(ld, 0, hidden, 2 * hidden, hd, scale, hidden);
            vec.attention(layout, qkv, 1, seq, 0, heads, ov, 0);
            sca.attention(layout, qkv, 1, seq, 0, heads, os, 0);
            for (int i = 0; i < ov.length; i++) {
                assertEquals(os[i], ov[i], 1e-5 * (1 + Math.abs(os[i])), "shape " + seq + "/" + hd + "/" + heads);
            }
            float[] split = nans(seq * hidden);
            for (int h = heads - 1; h >= 0; h--) {
                vec.attention(layout, qkv, 1, seq, h, h + 1, split, 0);
            }
            assertArrayEquals(ov, split);
        }
    }

    @Test
    void embeddingSumEqualsScalarBitForBit() {
        Random rnd = new Random(27);
        for (int dim : SIZES) {
            int vocab = 13, count = 6;
            MemorySegment word = TestData.segment(TestData.gaussian(rnd, vocab * dim, 1), dim);
            MemorySegment type = TestData.segment(TestData.gaussian(rnd, 2 * dim, 1), dim + 1);
            MemorySegment pos = TestData.segment(TestData.gaussian(rnd, 8 * dim, 1), dim + 2);
            int[] ids = rnd.ints(count, 0, vocab).toArray(),
                    types = rnd.ints(count, 0, 2).toArray();
            int[] poss = rnd.ints(count, 0, 8).toArray();
            for (boolean withType : new boolean[] {true, false}) {
                float[] v = new float[2 + count * dim], s = new float[2 + count * dim];
                EmbeddingTables tables = new EmbeddingTables(word, withType ? type : null, pos, dim);
                vec.embeddingSum(tables, ids, withType ? types : null, poss, count, v, 2);
                sca.embeddingSum(tables, ids, withType ? types : null, poss, count, s, 2);
                assertArrayEquals(s, v, "dim " + dim);
            }
        }
    }

    private static float[] nans(int n) {
        float[] x = new float[n];
        Arrays.fill(x, Float.NaN);
        return x;
    }

    /**
     * A column-range call wrote exactly columns {@code [from, to)} of every row, with the values of the
     * full call, and left everything else (NaN before the call) untouched.
     */
    private static void assertColumns(
            float[] full, float[] part, int off, int ldc, int rows, int from, int to, String what) {
        for (int i = 0; i < part.length; i++) {
            int r = (i - off) / ldc, j = (i - off) % ldc;
            boolean inside = i >= off && r < rows && j >= from && j < to;
            if (inside) {
                assertEquals(
                        Float.floatToIntBits(full[i]),
                        Float.floatToIntBits(part[i]),
                        what + " columns " + from + ".." + to + ": row " + r + " column " + j);
            } else {
                assertEquals(
                        Float.floatToIntBits(Float.NaN),
                        Float.floatToIntBits(part[i]),
                        what + " columns " + from + ".." + to + ": wrote outside the range at index " + i);
            }
        }
    }
}
