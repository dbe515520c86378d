package dev.jembed.pooling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Run in a forked JVM by {@link JitTierDeterminismTest}: prints the bits of embeddings and of the
 * pooling reductions computed cold (first call, interpreted code), then again after {@code warm}
 * calls (C1 / C2 code, depending on the JVM flags), alone and inside batches of several sizes.
 * Every line is {@code label: hex bits}; the test compares them within and across JVM tiers. The last
 * line names the pooling path ({@link VectorOps#path()}).
 *
 * <p>Arguments: the model folder, the number of warm-up calls.
 */
public final class TierProbe {
    static final List<String> TEXTS = List.of(
            "w5 w7 w9",
            "w903 w269 w11 w12",
            "w42",
            "w100 w200 w300 w400 w500 w600",
            "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12",
            "w77 w78");
    static final String TEXT = "w903 w269 w11 w12";

    private TierProbe() {}

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        int warm = Integer.parseInt(args[1]);
        float[][] vectors = randomVectors();
        List<String> out = new ArrayList<>();
        try (SentenceTransformer st =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1))) {
            out.add("text cold: " + hex(st.encode(TEXT)));
            out.add("reductions cold: " + reductions(vectors));
            for (int i = 0; i < warm; i++) {
                st.encode(TEXTS.get(i % TEXTS.size()));
                if (i < 3_000) reductions(vectors); // each call runs every reduction dozens of times
            }
            out.add("text warm: " + hex(st.encode(TEXT)));
            out.add("reductions warm: " + reductions(vectors));
            for (int batch : new int[] {1, 2, 4, 32}) {
                float[][] e = st.encode(TEXTS, EncodeOptions.defaults().withBatchSize(batch))
                        .floats();
                out.add("text in batch " + batch + ": " + hex(e[TEXTS.indexOf(TEXT)]));
            }
        }
        out.add("pooling path: " + VectorOps.path());
        for (String line : out) System.out.println(line);
    }

    /** Deterministic vectors of lengths that exercise whole 16-float blocks and tails. */
    private static float[][] randomVectors() {
        Random r = new Random(42);
        int[] lengths = {1, 15, 16, 17, 32, 33, 64, 100, 384, 385, 768};
        float[][] v = new float[lengths.length * 4][];
        for (int i = 0; i < v.length; i++) {
            v[i] = new float[lengths[i / 4]];
            for (int j = 0; j < v[i].length; j++) v[i][j] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Hashes of every reduction's bits over pairs of the vectors. */
    private static String reductions(float[][] v) {
        long h = 17;
        float[] four = new float[4];
        for (int i = 0; i + 1 < v.length; i++) {
            float[] a = v[i], b = v[i + 1];
            if (a.length != b.length) continue;
            int n = a.length;
            h = h * 31 + Float.floatToRawIntBits(VectorOps.dot(a, 0, b, 0, n));
            h = h * 31 + Float.floatToRawIntBits(VectorOps.norm(a, 0, n));
            h = h * 31 + Float.floatToRawIntBits(VectorOps.squaredDistance(a, b, n));
            h = h * 31 + Float.floatToRawIntBits(VectorOps.manhattan(a, b, n));
            VectorOps.dot4(a, b, a, b, b, n, four);
            for (float f : four) h = h * 31 + Float.floatToRawIntBits(f);
            h = h * 31 + Float.floatToRawIntBits(SimilarityFunction.COSINE.score(a, b));
            float[] c = a.clone();
            Normalization.normalize(c);
            for (float f : c) h = h * 31 + Float.floatToRawIntBits(f);
        }
        return Long.toHexString(h);
    }

    static String hex(float[] v) {
        StringBuilder b = new StringBuilder();
        for (float f : v) b.append(String.format("%08x", Float.floatToRawIntBits(f)));
        return b.toString();
    }
}
