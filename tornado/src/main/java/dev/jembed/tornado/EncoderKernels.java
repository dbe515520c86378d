package dev.jembed.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The device kernels of one encoder forward pass over a padded batch ({@code dims} = batch B, padded
 * length L, tokens T = B * L; token t of sequence b is row {@code b * L + t}). One work-item per
 * output element or per row; sizes that change per call come from {@code dims}, so one compiled
 * graph serves every batch shape. TornadoVM compiles these methods to OpenCL C (or PTX, SPIR-V).
 */
final class EncoderKernels {
    /** {@code dims} indices. */
    static final int BATCH = 0, LENGTH = 1, TOKENS = 2;
    /** Activation codes of {@link #linear}. */
    static final int NONE = 0, GELU = 1, GELU_TANH = 2;
    /** Work-items per token of {@link #linearResidualNorm} (its local array is sized with the literal 64). */
    static final int ROW_GROUP = 64;

    private EncoderKernels() {
    }

    /** Word + position + token type embedding of each token, then LayerNorm: one work-item per token. */
    static void embed(KernelContext c, IntArray ids, IntArray types, IntArray positions, FloatArray word, FloatArray position,
                      FloatArray tokenType, FloatArray gamma, FloatArray beta, FloatArray x, IntArray dims, int hidden, float eps) {
        int t = c.globalIdx;
        if (t < dims.get(TOKENS)) {
            int w = ids.get(t) * hidden;
            int p = positions.get(t) * hidden;
            int ty = types.get(t) * hidden;
            int row = t * hidden;
            float sum = 0f;
            for (int j = 0; j < hidden; j++) {
                float v = word.get(w + j) + tokenType.get(ty + j) + position.get(p + j);
                x.set(row + j, v);
                sum += v;
            }
            normalizeRow(x, row, hidden, sum, gamma, beta, eps);
        }
    }

    /**
     * {@code out[t, j] = act(sum_k in[t, k] w[j, k] + b[j])} (a PyTorch Linear, {@code w} is
     * {@code [outDim, inDim]}): one work-item per output element. With {@code w} the concatenated
     * query, key and value weights this is the fused QKV projection; with GELU, the fused FFN up.
     */
    static void linear(KernelContext c, FloatArray in, FloatArray w, FloatArray b, FloatArray out, IntArray dims,
                       int inDim, int outDim, int activation) {
        int i = c.globalIdx;
        int t = i / outDim;
        if (t < dims.get(TOKENS)) {
            int j = i - t * outDim;
            float acc = dot(in, t * inDim, w, j * inDim, inDim) + b.get(j);
            if (activation == GELU) {
                acc = 0.5f * acc * (1f + erf(acc * 0.70710678118654752f));
            } else if (activation == GELU_TANH) {
                acc = 0.5f * acc * (1f + TornadoMath.tanh(0.7978845608028654f * (acc + 0.044715f * acc * acc * acc)));
            }
            out.set(i, acc);
        }
    }

    /**
     * The fused output projection, residual and LayerNorm, in place: {@code x[t] = LayerNorm(x[t] + b
     * + in[t] w^T)}. One work-group of {@link #ROW_GROUP} work-items per token: each computes every
     * {@code ROW_GROUP}-th column of the row, then the group reduces the row's mean and variance in
     * local memory. Each work-item reads and writes only its own columns of {@code x}, so in place is
     * safe; the reduction order depends only on the group size, never on the batch.
     */
    static void linearResidualNorm(KernelContext c, FloatArray in, FloatArray w, FloatArray b, FloatArray x, FloatArray gamma,
                                   FloatArray beta, IntArray dims, int inDim, int outDim, float eps) {
        int t = c.groupIdx;
        int lid = c.localIdx;
        float[] partial = c.allocateFloatLocalArray(64);
        boolean live = t < dims.get(TOKENS);
        int row = t * outDim;
        float sum = 0f;
        if (live) {
            for (int j = lid; j < outDim; j += ROW_GROUP) {
                float v = x.get(row + j) + b.get(j) + dot(in, t * inDim, w, j * inDim, inDim);
                x.set(row + j, v);
                sum += v;
            }
        }
        partial[lid] = sum;
        c.localBarrier();
        for (int stride = ROW_GROUP / 2; stride > 0; stride /= 2) {
            if (lid < stride) partial[lid] += partial[lid + stride];
            c.localBarrier();
        }
        float mean = partial[0] / outDim;
        c.localBarrier();
        float squares = 0f;
        if (live) {
            for (int j = lid; j < outDim; j += ROW_GROUP) {
                float d = x.get(row + j) - mean;
                squares += d * d;
            }
        }
        partial[lid] = squares;
        c.localBarrier();
        for (int stride = ROW_GROUP / 2; stride > 0; stride /= 2) {
            if (lid < stride) partial[lid] += partial[lid + stride];
            c.localBarrier();
        }
        float inv = 1f / TornadoMath.sqrt(partial[0] / outDim + eps);
        if (live) {
            for (int j = lid; j < outDim; j += ROW_GROUP) {
                x.set(row + j, (x.get(row + j) - mean) * inv * gamma.get(j) + beta.get(j));
            }
        }
    }

    /**
     * Scaled dot-product attention of one (sequence, head, query token), masked to the sequence's
     * own tokens: keys past {@code lengths[b]} are never read, so padding changes nothing. Two passes
     * (the maximum, then the exponentials and the weighted sum of values) keep no score buffer; the
     * context row is this work-item's alone. {@code qkv} rows are {@code [query | key | value]}.
     */
    static void attention(KernelContext c, FloatArray qkv, FloatArray context, IntArray lengths, IntArray dims,
                          int hidden, int heads, int headDim, float scale) {
        int i = c.globalIdx;
        int length = dims.get(LENGTH);
        int q = i % length;
        int h = (i / length) % heads;
        int b = i / (length * heads);
        if (b < dims.get(BATCH)) {
            int stride = 3 * hidden;
            int t = b * length + q;
            int out = t * hidden + h * headDim;
            int n = lengths.get(b);
            for (int d = 0; d < headDim; d++) context.set(out + d, 0f);
            if (q < n) {
                int qOff = t * stride + h * headDim;
                int first = b * length;
                float max = -3.0e38f;
                for (int k = 0; k < n; k++) {
                    float s = dot(qkv, qOff, qkv, (first + k) * stride + hidden + h * headDim, headDim) * scale;
                    max = TornadoMath.max(max, s);
                }
                float total = 0f;
                for (int k = 0; k < n; k++) {
                    int row = (first + k) * stride;
                    float p = TornadoMath.exp(dot(qkv, qOff, qkv, row + hidden + h * headDim, headDim) * scale - max);
                    total += p;
                    int v = row + 2 * hidden + h * headDim;
                    for (int d = 0; d < headDim; d++) context.set(out + d, context.get(out + d) + p * qkv.get(v + d));
                }
                float inv = 1f / total;
                for (int d = 0; d < headDim; d++) context.set(out + d, context.get(out + d) * inv);
            }
        }
    }

    private static float dot(FloatArray a, int aOff, FloatArray b, int bOff, int n) {
        float acc = 0f;
        for (int k = 0; k < n; k++) acc += a.get(aOff + k) * b.get(bOff + k);
        return acc;
    }

    /** LayerNorm of {@code x[row, row + n)} in place, given the row's sum (two-pass variance). */
    private static void normalizeRow(FloatArray x, int row, int n, float sum, FloatArray gamma, FloatArray beta, float eps) {
        float mean = sum / n;
        float var = 0f;
        for (int j = 0; j < n; j++) {
            float d = x.get(row + j) - mean;
            var += d * d;
        }
        float inv = 1f / TornadoMath.sqrt(var / n + eps);
        for (int j = 0; j < n; j++) x.set(row + j, (x.get(row + j) - mean) * inv * gamma.get(j) + beta.get(j));
    }

    /**
     * erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): OpenCL C has erf, but
     * TornadoMath does not expose it, and exact GELU needs it.
     */
    static float erf(float x) {
        float a = x < 0f ? -x : x;
        float t = 1f / (1f + 0.3275911f * a);
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        float r = 1f - poly * TornadoMath.exp(-a * a);
        return x < 0f ? -r : r;
    }
}
