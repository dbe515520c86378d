package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jembed.pooling.config.DenseActivation;
import dev.jembed.pooling.config.PoolingConfig;
import dev.jembed.pooling.config.PoolingMode;
import dev.jembed.pooling.config.SentenceTransformerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 4, acceptance 1: for every pooling mode, with and without Normalize, Dense, truncate_dim and
 * each output precision, jembed's head equals sentence-transformers' math (re-implemented in
 * {@link PythonReference} on the padded batch) to 1e-6, and the integer precisions exactly; and the
 * numbers Hugging Face / ONNX Runtime stored in the fixtures are reproduced.
 */
class PoolingEquivalenceTest {
    private static final double TOL = 1e-6;

    // ---- stored reference numbers ----

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert", "roberta"})
    void tinyModelsStoredPoolings(String model) {
        Fixtures.Tiny f = Fixtures.tiny(model);
        int dim = f.hidden();
        Pooling mean = new Pooling(PoolingConfig.of(dim, PoolingMode.MEAN));
        Pooling cls = new Pooling(PoolingConfig.of(dim, PoolingMode.CLS));
        for (int s = 0; s < 2; s++) {
            float[] h = f.unpadded(s);
            float[] m = mean.pool(h, f.length(s), 0);
            assertClose(f.meanPooled()[s], m, model + " mean_pooled[" + s + "]");
            assertClose(
                    f.meanPooledNormalized()[s],
                    Normalization.normalize(m.clone()),
                    model + " mean_pooled_normalized[" + s + "]");
            assertClose(
                    f.clsNormalized()[s],
                    Normalization.normalize(cls.pool(h, f.length(s), 0)),
                    model + " cls_normalized[" + s + "]");
        }
    }

    @Test
    void miniLmStoredPoolingsThroughTheModelFolderConfig() {
        Fixtures.MiniLmSentence s = Fixtures.miniLm().getFirst();
        float[] hidden = flatten(s.lastHiddenState());
        int len = s.lastHiddenState().length;
        SentenceTransformerConfig config = SentenceTransformerConfig.read(Fixtures.resource("minilm/st-config"));
        SentenceHead head = SentenceHead.load(config, p -> {
            throw new AssertionError("all-MiniLM-L6-v2 has no Dense module");
        });
        assertEquals(384, head.dimension());
        assertTrue(head.normalizes());
        assertClose(s.embedding(), head.embed(hidden, 0, len, 0, null, 0), "embedding");
        assertClose(s.meanPooled(), head.embed(hidden, 0, len, 0, false, 0), "mean_pooled (--no-normalize)");
        assertClose(
                s.clsHidden(), new Pooling(PoolingConfig.of(384, PoolingMode.CLS)).pool(hidden, len, 0), "cls_hidden");
        // truncate_dim cuts the already normalized vector; normalize=TRUE renormalizes the cut.
        float[] cut = head.embed(hidden, 0, len, 0, null, 128);
        assertClose(Arrays.copyOf(s.embedding(), 128), cut, "truncate_dim 128");
        assertClose(
                Normalization.normalize(Arrays.copyOf(s.embedding(), 128)),
                head.embed(hidden, 0, len, 0, true, 128),
                "truncate_dim 128 + normalize_embeddings");
    }

    // ---- every combination against the Python semantics ----

    /** A model's hidden states as a padded batch, the way sentence-transformers sees them. */
    private record Batch(String name, float[][][] padded, int[][] mask) {
        int dim() {
            return padded[0][0].length;
        }

        int length(int s) {
            return Arrays.stream(mask[s]).sum();
        }

        float[] unpadded(int s) {
            return flatten(Arrays.copyOf(padded[s], length(s)));
        }
    }

    private static List<Batch> batches() {
        List<Batch> out = new ArrayList<>();
        for (String m : List.of("bert", "distilbert", "roberta")) {
            Fixtures.Tiny t = Fixtures.tiny(m);
            out.add(new Batch("tiny-" + m, t.lastHiddenState(), t.attentionMask()));
        }
        float[][] minilm = Fixtures.miniLm().getFirst().lastHiddenState();
        int[] ones = new int[minilm.length];
        Arrays.fill(ones, 1);
        out.add(new Batch("all-MiniLM-L6-v2", new float[][][] {minilm}, new int[][] {ones}));
        return out;
    }

    /** One step after pooling, with its Java module and its reference. */
    private record Step(
            String name,
            HeadModule module,
            float[] weight,
            float[] bias,
            DenseActivation act,
            boolean residual,
            float[] residualWeight,
            int out) {
        static Step normalize() {
            return new Step("Normalize", new Normalize(), null, null, null, false, null, 0);
        }

        static Step dense(Random rnd, int in, int out, boolean bias, DenseActivation act, boolean residual) {
            float[] w = gaussian(rnd, in * out, (float) (1 / Math.sqrt(in)));
            float[] b = bias ? gaussian(rnd, out, 0.1f) : null;
            float[] r = residual && in != out ? gaussian(rnd, in * out, (float) (1 / Math.sqrt(in))) : null;
            return new Step(
                    "Dense(" + in + "->" + out + "," + act + (bias ? ",bias" : "") + (residual ? ",residual" : "")
                            + ")",
                    new Dense(in, out, w, b, act, residual, r),
                    w,
                    b,
                    act,
                    residual,
                    r,
                    out);
        }

        double[] reference(double[] x) {
            return module instanceof Normalize
                    ? PythonReference.normalize(x)
                    : PythonReference.dense(x, weight, bias, act, residual, residualWeight, out);
        }
    }

    private static List<List<Step>> heads(int pooledDim) {
        Random rnd = new Random(42);
        return List.of(
                List.of(),
                List.of(Step.normalize()),
                List.of(Step.dense(rnd, pooledDim, 24, true, DenseActivation.TANH, false)),
                List.of(Step.dense(rnd, pooledDim, 48, false, DenseActivation.IDENTITY, false), Step.normalize()),
                List.of(
                        Step.dense(rnd, pooledDim, pooledDim, true, DenseActivation.RELU, true),
                        Step.dense(rnd, pooledDim, 16, true, DenseActivation.SIGMOID, true),
                        Step.normalize()));
    }

    private static List<PoolingConfig> poolings(int dim) {
        List<PoolingConfig> out = new ArrayList<>();
        for (boolean include : List.of(true, false)) {
            for (PoolingMode m : PoolingMode.values()) out.add(new PoolingConfig(dim, EnumSet.of(m), include));
            out.add(new PoolingConfig(dim, EnumSet.allOf(PoolingMode.class), include));
            out.add(new PoolingConfig(dim, EnumSet.of(PoolingMode.CLS, PoolingMode.MAX), include));
        }
        return out;
    }

    @Test
    void everyPoolingHeadTruncationNormalizationAndPrecisionMatchesSentenceTransformers() {
        int combinations = 0;
        for (Batch batch : batches()) {
            for (PoolingConfig pc : poolings(batch.dim())) {
                for (int promptLength : pc.includePrompt() ? new int[] {0} : new int[] {2, 0}) {
                    // With masked prompt tokens, max pooling outputs sentinel -1e9 values (exactly, checked
                    // without Dense); a Dense layer over them sums terms of 1e8 in float32, whose rounding
                    // (tens in absolute terms, in PyTorch as well) no two implementations share.
                    boolean sentinels = pc.modes().contains(PoolingMode.MAX) && promptLength > 0;
                    for (List<Step> steps : heads(pc.outputDimension())) {
                        if (sentinels && steps.stream().anyMatch(st -> st.module() instanceof Dense)) continue;
                        for (int truncate : new int[] {0, 8}) {
                            for (Boolean normalize : Arrays.asList(null, true, false)) {
                                String what = batch.name() + " " + pc.describe() + " prompt=" + promptLength + " "
                                        + steps.stream().map(Step::name).toList() + " truncate=" + truncate
                                        + " normalize=" + normalize;
                                checkCombination(batch, pc, promptLength, steps, truncate, normalize, what);
                                combinations++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(combinations > 1500, "combinations checked: " + combinations);
    }

    private static void checkCombination(
            Batch batch,
            PoolingConfig pc,
            int promptLength,
            List<Step> steps,
            int truncate,
            Boolean normalize,
            String what) {
        SentenceHead head = new SentenceHead(
                new Pooling(pc), steps.stream().map(Step::module).toList());
        int n = batch.padded().length;
        float[][] java = new float[n][];
        for (int s = 0; s < n; s++) {
            java[s] = head.embed(batch.unpadded(s), 0, batch.length(s), promptLength, normalize, truncate);
            double[] ref = PythonReference.pool(
                    toDouble(batch.padded()[s]), batch.mask()[s], pc.modes(), pc.includePrompt(), promptLength);
            for (Step step : steps) {
                if (step.module() instanceof Normalize && Boolean.FALSE.equals(normalize)) continue;
                ref = step.reference(ref);
            }
            ref = PythonReference.truncate(ref, truncate);
            if (Boolean.TRUE.equals(normalize)) ref = PythonReference.normalize(ref);
            assertClose(ref, java[s], what + " row " + s);
        }
        checkPrecisions(java, what);
    }

    /** The quantized outputs equal quantization.py applied to the same float32 embeddings, exactly. */
    private static void checkPrecisions(float[][] emb, String what) {
        int dim = emb[0].length;
        float[][] calibration = new float[emb.length + 1][];
        for (int i = 0; i < emb.length; i++) {
            calibration[i] = emb[i].clone();
            for (int d = 0; d < dim; d++) calibration[i][d] *= 0.75f; // the embeddings fall partly outside: wrap-around
        }
        calibration[emb.length] = new float[dim];
        for (int d = 0; d < dim; d++) calibration[emb.length][d] = (d % 2 == 0 ? 1 : -1) * 0.01f;
        for (Precision p : Precision.values()) {
            for (boolean calibrated : List.of(false, true)) {
                QuantizationRanges ranges = calibrated ? QuantizationRanges.of(calibration) : null;
                EncodeResult q = Quantization.quantize(emb, p, ranges);
                String msg = what + " " + p + (calibrated ? " calibrated" : "");
                switch (p) {
                    case FLOAT32 -> assertArrayEquals(emb, q.floats(), msg);
                    case INT8, UINT8 -> {
                        int[][] ref = PythonReference.scalarQuantize(
                                emb, p == Precision.INT8, calibrated ? calibration : null);
                        for (int i = 0; i < emb.length; i++) assertArrayEquals(ref[i], q.intRow(i), msg + " row " + i);
                    }
                    case BINARY, UBINARY -> {
                        int[][] ref = PythonReference.binaryQuantize(emb, p == Precision.BINARY);
                        for (int i = 0; i < emb.length; i++) assertArrayEquals(ref[i], q.intRow(i), msg + " row " + i);
                    }
                }
            }
        }
    }

    // ---- helpers ----

    static float[] flatten(float[][] rows) {
        int dim = rows[0].length;
        float[] out = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, out, i * dim, dim);
        return out;
    }

    private static double[][] toDouble(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int d = 0; d < rows[i].length; d++) out[i][d] = rows[i][d];
        }
        return out;
    }

    private static float[] gaussian(Random rnd, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) rnd.nextGaussian() * scale;
        return out;
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) e[i] = expected[i];
        assertClose(e, actual, what);
    }

    /** Within 1e-6, relative to the magnitude where values exceed 1 (float32 spacing grows with it). */
    static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tol = TOL * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
                fail(what + ": element " + i + " expected " + expected[i] + " got " + actual[i] + " (diff "
                        + Math.abs(expected[i] - actual[i]) + ")");
            }
        }
    }

    static Set<PoolingMode> modes(PoolingMode... m) {
        return EnumSet.copyOf(List.of(m));
    }
}
