package dev.jembed.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jembed.engine.WeightFormat;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STS Benchmark test split, all-MiniLM-L6-v2 with max_seq_length 256, mean pooling and
 * normalization (MTEB protocol): Spearman x 100 of the cosine similarities against the gold scores
 * equals the published 82.03 with float32 weights, and stays within 0.3 points of float32 with the
 * weights stored as bf16 or int8 (issue 5's bound for reduced precision). The project's only STS-B
 * run: the token ids come from Hugging Face's tokenizer here, and the tokenizer module proves jembed's
 * identical to it on every STS-B sentence (MiniLmDifferentialTest), so the figure holds for the command.
 */
@Tag("slow")
class StsbQualityTest {

    @Test
    void spearmanMatchesThePublishedFigure() {
        double spearman = stsbSpearman(WeightFormat.F32);
        System.out.printf("STS-B test: cosine Spearman x 100 = %.4f (published 82.03)%n", spearman);
        assertEquals(82.03, spearman, 0.05);
    }

    @ParameterizedTest
    @EnumSource(
            value = WeightFormat.class,
            names = {"BF16", "INT8"})
    void reducedPrecisionWeightsStayWithinAThirdOfAPoint(WeightFormat format) {
        double f32 = stsbSpearman(WeightFormat.F32), reduced = stsbSpearman(format);
        System.out.printf(
                "STS-B test: cosine Spearman x 100 = %.4f with %s weights, %.4f with f32 (difference %+.4f)%n",
                reduced, format.id(), f32, reduced - f32);
        assertEquals(f32, reduced, 0.3);
    }

    /** Spearman x 100 of the cosine similarities of the STS-B test pairs against the gold scores. */
    private static double stsbSpearman(WeightFormat format) {
        MiniLmRun.Stsb stsb = MiniLmRun.stsb();
        float[][] embeddings = MiniLmRun.jembed(format);
        double[] cosines = new double[stsb.gold().length];
        for (int p = 0; p < cosines.length; p++) {
            cosines[p] = MiniLmRun.cosine(embeddings[stsb.left()[p]], embeddings[stsb.right()[p]]);
        }
        return 100 * spearman(cosines, stsb.gold());
    }

    @Test
    void spearmanAveragesTiedRanks() {
        assertEquals(1.0, spearman(new double[] {1, 2, 2, 3}, new double[] {10, 20, 20, 30}), 1e-12);
        // Ranks [1, 2.5, 2.5, 4] against [1, 2, 3, 4]: Pearson 0.9486832980505138 (scipy.stats.spearmanr).
        assertEquals(0.9486832980505138, spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(-1.0, spearman(new double[] {3, 2, 1}, new double[] {1, 2, 3}), 1e-12);
    }

    /** Pearson correlation of the ranks, ties sharing their average rank (as scipy.stats.spearmanr). */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] ranks = new double[v.length];
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && v[order[j + 1]] == v[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow(),
                my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
