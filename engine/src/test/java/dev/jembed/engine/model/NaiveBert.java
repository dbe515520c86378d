package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.config.HiddenAct;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.Weights;

/**
 * A textbook BERT forward pass in double precision, written independently of the engine (no
 * kernels, no packing, no threads), for checking config options the transformers references do not
 * cover: other activations, other LayerNorm eps. BERT weight names, one sequence.
 */
final class NaiveBert {
    private final Weights w;
    private final EncoderConfig c;

    NaiveBert(Weights w, EncoderConfig c) {
        this.w = w;
        this.c = c;
    }

    double[][] forward(int[] ids, int[] types, int[] positions) {
        int n = ids.length, h = c.hiddenSize();
        double[][] x = new double[n][h];
        FloatTensor word = w.tensor("embeddings.word_embeddings.weight");
        FloatTensor type = w.tensor("embeddings.token_type_embeddings.weight");
        FloatTensor pos = w.tensor("embeddings.position_embeddings.weight");
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = word.get((long) ids[t] * h + i)
                        + type.get((long) types[t] * h + i)
                        + pos.get((long) positions[t] * h + i);
            }
        }
        x = layerNorm(x, "embeddings.LayerNorm");
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "encoder.layer." + l + ".";
            double[][] q = linear(x, p + "attention.self.query"),
                    k = linear(x, p + "attention.self.key"),
                    v = linear(x, p + "attention.self.value");
            int heads = c.numAttentionHeads(), d = c.headDim();
            double[][] ctx = new double[n][h];
            for (int head = 0; head < heads; head++) {
                for (int i = 0; i < n; i++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        for (int e = 0; e < d; e++) s[j] += q[i][head * d + e] * k[j][head * d + e];
                        s[j] /= Math.sqrt(d);
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) sum += s[j] = Math.exp(s[j] - max);
                    for (int j = 0; j < n; j++) {
                        for (int e = 0; e < d; e++) ctx[i][head * d + e] += s[j] / sum * v[j][head * d + e];
                    }
                }
            }
            x = layerNorm(add(linear(ctx, p + "attention.output.dense"), x), p + "attention.output.LayerNorm");
            double[][] mid = linear(x, p + "intermediate.dense");
            for (double[] row : mid) {
                for (int i = 0; i < row.length; i++) row[i] = act(row[i]);
            }
            x = layerNorm(add(linear(mid, p + "output.dense"), x), p + "output.LayerNorm");
        }
        return x;
    }

    private double act(double x) {
        if (c.hiddenAct() == HiddenAct.GELU_TANH) {
            return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
        }
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** erf to ~1e-15 by its Maclaurin series (|x| < 3) or the continued fraction of erfc. */
    static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 3) {
            double term = a, sum = a;
            for (int k = 1; k < 200; k++) {
                term *= -a * a / k;
                sum += term / (2 * k + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double f = 0;
            for (int k = 60; k >= 1; k--) f = k / 2.0 / (a + f);
            r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + f);
        }
        return Math.copySign(r, x);
    }

    private double[][] linear(double[][] x, String module) {
        FloatTensor weight = w.tensor(module + ".weight"), bias = w.tensor(module + ".bias");
        int out = weight.dim(0), in = weight.dim(1);
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = bias.get(o);
                for (int i = 0; i < in; i++) s += x[t][i] * weight.get((long) o * in + i);
                y[t][o] = s;
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) a[t][i] += b[t][i];
        }
        return a;
    }

    private double[][] layerNorm(double[][] x, String module) {
        FloatTensor g = w.tensor(module + ".weight"), b = w.tensor(module + ".bias");
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = 0, var = 0;
            for (double v : x[t]) mean += v;
            mean /= x[t].length;
            for (double v : x[t]) var += (v - mean) * (v - mean);
            var /= x[t].length;
            y[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                y[t][i] = (x[t][i] - mean) / Math.sqrt(var + c.layerNormEps()) * g.get(i) + b.get(i);
            }
        }
        return y;
    }
}
