package dev.jembed.pooling;

import dev.jembed.pooling.config.DenseActivation;
import dev.jembed.pooling.config.PoolingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * sentence-transformers' post-transformer math written out again, independently of the production
 * code and as literally as the Python reads: on the PADDED batch with its attention mask, in double
 * precision (quantization in float32, as numpy computes it). Tests compare jembed against this.
 */
final class PythonReference {
    private PythonReference() {}

    /**
     * {@code Pooling.forward} for one row of a padded batch. {@code tokenEmbeddings} is modified in
     * place where Python modifies it (max pooling writes -1e9 into masked positions).
     */
    static double[] pool(
            double[][] tokenEmbeddings,
            int[] attentionMask,
            Set<PoolingMode> modes,
            boolean includePrompt,
            int promptLength) {
        int seqLen = tokenEmbeddings.length, dim = tokenEmbeddings[0].length;
        int[] mask = attentionMask.clone();
        if (!includePrompt && promptLength > 0) {
            for (int t = 0; t < Math.min(promptLength, seqLen); t++)
                mask[t] = 0; // attention_mask[:, :prompt_length] = 0
        }
        List<double[]> outputs = new ArrayList<>();
        if (modes.contains(PoolingMode.CLS)) {
            outputs.add(tokenEmbeddings[0]); // a view: token_embeddings[:, 0]
        }
        if (modes.contains(PoolingMode.MAX)) {
            for (int t = 0; t < seqLen; t++) {
                if (mask[t] == 0) java.util.Arrays.fill(tokenEmbeddings[t], -1e9f); // float32 tensor: -1e9 as float
            }
            double[] max = new double[dim];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (double[] row : tokenEmbeddings) for (int d = 0; d < dim; d++) max[d] = Math.max(max[d], row[d]);
            outputs.add(max);
        }
        if (modes.contains(PoolingMode.MEAN) || modes.contains(PoolingMode.MEAN_SQRT_LEN)) {
            double[] sum = new double[dim];
            double sumMask = 0;
            for (int t = 0; t < seqLen; t++) {
                for (int d = 0; d < dim; d++) sum[d] += tokenEmbeddings[t][d] * mask[t];
                sumMask += mask[t];
            }
            sumMask = Math.max(sumMask, 1e-9);
            if (modes.contains(PoolingMode.MEAN)) outputs.add(divide(sum, sumMask));
            if (modes.contains(PoolingMode.MEAN_SQRT_LEN)) outputs.add(divide(sum, Math.sqrt(sumMask)));
        }
        if (modes.contains(PoolingMode.WEIGHTED_MEAN)) {
            double[] sum = new double[dim];
            double sumMask = 0;
            for (int t = 0; t < seqLen; t++) {
                double w = mask[t] * (t + 1.0); // torch.arange(1, seq_len + 1)
                for (int d = 0; d < dim; d++) sum[d] += tokenEmbeddings[t][d] * w;
                sumMask += w;
            }
            outputs.add(divide(sum, Math.max(sumMask, 1e-9)));
        }
        if (modes.contains(PoolingMode.LAST_TOKEN)) {
            // values, indices = attention_mask.flip(1).max(1); indices = where(values == 0, seq_len - 1, indices)
            int flippedIndex = -1, value = 0;
            for (int i = 0; i < seqLen; i++) {
                if (mask[seqLen - 1 - i] > value) {
                    value = mask[seqLen - 1 - i];
                    flippedIndex = i;
                }
            }
            if (value == 0) flippedIndex = seqLen - 1;
            int gather = seqLen - flippedIndex - 1;
            double[] out = new double[dim];
            for (int d = 0; d < dim; d++) out[d] = tokenEmbeddings[gather][d] * mask[gather];
            outputs.add(out);
        }
        double[] cat = new double[outputs.size() * dim];
        for (int i = 0; i < outputs.size(); i++) System.arraycopy(outputs.get(i), 0, cat, i * dim, dim);
        return cat;
    }

    private static double[] divide(double[] v, double d) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] / d;
        return out;
    }

    /** {@code activation(linear(x))} plus the residual. */
    static double[] dense(
            double[] x,
            float[] weight,
            float[] bias,
            DenseActivation act,
            boolean residual,
            float[] residualWeight,
            int out) {
        int in = x.length;
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double s = bias == null ? 0 : bias[j];
            for (int i = 0; i < in; i++) s += weight[j * in + i] * x[i];
            s = switch (act) {
                case IDENTITY -> s;
                case TANH -> Math.tanh(s);
                case RELU -> Math.max(0, s);
                case SIGMOID -> 1 / (1 + Math.exp(-s));
            };
            if (residual) {
                if (residualWeight == null) s += x[j];
                else for (int i = 0; i < in; i++) s += residualWeight[j * in + i] * x[i];
            }
            y[j] = s;
        }
        return y;
    }

    /** {@code F.normalize(x, p=2, dim=1)}. */
    static double[] normalize(double[] x) {
        double n = 0;
        for (double v : x) n += v * v;
        return divide(x, Math.max(Math.sqrt(n), 1e-12));
    }

    /** {@code embeddings[..., :truncate_dim]}. */
    static double[] truncate(double[] x, int dim) {
        return dim > 0 && dim < x.length ? java.util.Arrays.copyOf(x, dim) : x;
    }

    /** quantization.py for int8 / uint8, in float32 like numpy; {@code ranges} null means from the embeddings. */
    static int[][] scalarQuantize(float[][] embeddings, boolean signed, float[][] calibration) {
        float[][] source = calibration != null ? calibration : embeddings;
        int dim = embeddings[0].length;
        float[] starts = new float[dim], steps = new float[dim];
        for (int d = 0; d < dim; d++) {
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (float[] row : source) {
                lo = Math.min(lo, row[d]);
                hi = Math.max(hi, row[d]);
            }
            starts[d] = lo;
            steps[d] = (hi - lo) / 255;
        }
        int[][] out = new int[embeddings.length][dim];
        for (int i = 0; i < embeddings.length; i++) {
            for (int d = 0; d < dim; d++) {
                float v = (embeddings[i][d] - starts[d]) / steps[d];
                if (signed) v = v - 128;
                long truncated = (long) v; // astype: toward zero; these tests stay far below 2^31
                int low = (int) (truncated & 0xFF);
                out[i][d] = signed ? (byte) low : low;
            }
        }
        return out;
    }

    /** {@code np.packbits(embeddings > 0).reshape(n, -1)} (minus 128 as int8 for binary); dimension a multiple of 8. */
    static int[][] binaryQuantize(float[][] embeddings, boolean signed) {
        StringBuilder bits = new StringBuilder();
        for (float[] row : embeddings) for (float v : row) bits.append(v > 0 ? '1' : '0');
        int bytesPerRow = embeddings[0].length / 8;
        int[][] out = new int[embeddings.length][bytesPerRow];
        for (int i = 0; i < embeddings.length; i++) {
            for (int b = 0; b < bytesPerRow; b++) {
                int start = (i * bytesPerRow + b) * 8;
                int packed = Integer.parseInt(bits.substring(start, start + 8), 2);
                out[i][b] = signed ? (byte) ((packed - 128) & 0xFF) : packed; // uint8 arithmetic, then astype(int8)
            }
        }
        return out;
    }
}
