package dev.jembed.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API attention of {@link VectorKernels}: per head, K is transposed once into a per-thread
 * buffer so a score is one fma chain over the head dimension with queries broadcast against whole
 * vectors of keys (no horizontal sum, the same order as {@link ScalarKernels#attention}); softmax
 * ({@link VectorMath#softmax}) and the context (one fma chain over the keys per element) follow.
 * Queries go four at a time, which keeps 8 independent chains in flight.
 */
final class VectorAttention {
    private static final VectorSpecies<Float> S = VectorKernels.S;
    private static final int L = VectorKernels.L;

    private VectorAttention() {}

    /** See {@link Kernels#attention}; the per-thread {@link ThreadScratch} holds the transposed K and four rows of probabilities. */
    static void attention(
            AttentionLayout layout, float[] qkv, int off, int seqLen, int h0, int h1, float[] out, int outOff) {
        int ld = layout.ld(), qCol = layout.qCol(), kCol = layout.kCol(), vCol = layout.vCol();
        int headDim = layout.headDim(), ldo = layout.ldo();
        float scale = layout.scale();
        // per thread: K of one head transposed (kt[d * kl + j] = k[j][d], zero-padded to whole vectors),
        // then four rows of probabilities
        int kl = (seqLen + L - 1) / L * L;
        float[] buf = ThreadScratch.floats((headDim + 4) * kl);
        int probs = headDim * kl;
        for (int h = h0; h < h1; h++) {
            int hd = h * headDim;
            for (int j = 0; j < seqLen; j++) {
                int kj = off + j * ld + kCol + hd;
                for (int d = 0; d < headDim; d++) buf[d * kl + j] = qkv[kj + d];
            }
            for (int d = 0; d < headDim; d++) {
                for (int j = seqLen; j < kl; j++) buf[d * kl + j] = 0f;
            }
            int q = off + qCol + hd, v = off + vCol + hd, o = outOff + hd;
            int t = 0;
            for (; t + 4 <= seqLen; t += 4) {
                // scores [4, seqLen] = Q[t..t+4) K^T * scale, into four rows of probabilities
                block4(qkv, q + t * ld, ld, headDim, buf, 0, kl, kl, scale, buf, probs, kl);
                for (int i = 0; i < 4; i++) VectorMath.softmax(buf, probs + i * kl, seqLen);
                // context [4, headDim] = P V
                int d = block4(buf, probs, kl, seqLen, qkv, v, ld, headDim, 1f, out, o + t * ldo, ldo);
                for (int i = 0; i < 4; i++)
                    contextTail(qkv, v, ld, buf, probs + i * kl, seqLen, d, headDim, out, o + (t + i) * ldo);
            }
            for (; t < seqLen; t++) {
                block1(qkv, q + t * ld, headDim, buf, 0, kl, kl, scale, buf, probs);
                VectorMath.softmax(buf, probs, seqLen);
                int d = block1(buf, probs, seqLen, qkv, v, ld, headDim, 1f, out, o + t * ldo);
                contextTail(qkv, v, ld, buf, probs, seqLen, d, headDim, out, o + t * ldo);
            }
        }
    }

    /**
     * Four rows of a small product, the shape both halves of attention have (scores: Q K^T with K
     * transposed, context: P V): for rows {@code i < 4} and the columns {@code col < cols} that fill
     * whole vectors, {@code c[cOff + i*ldc + col] = scale * s} where {@code s} is one fma chain
     * {@code s = fma(a[aOff + i*lda + p], b[bOff + p*ldb + col], s)} over {@code p < len} in order;
     * 8 chains in flight. Returns the first column left to the caller ({@code cols} rounded down to
     * a whole vector). {@code scale} 1 leaves the sums as they are.
     */
    private static int block4(
            float[] a,
            int aOff,
            int lda,
            int len,
            float[] b,
            int bOff,
            int ldb,
            int cols,
            float scale,
            float[] c,
            int cOff,
            int ldc) {
        int a1 = aOff + lda, a2 = a1 + lda, a3 = a2 + lda;
        int c1 = cOff + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        int col = 0;
        for (; col + 2 * L <= cols; col += 2 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0, t0 = s0, t1 = s0, t2 = s0, t3 = s0;
            for (int p = 0, bp = bOff + col; p < len; p++, bp += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bp), b1 = FloatVector.fromArray(S, b, bp + L);
                FloatVector x = FloatVector.broadcast(S, a[aOff + p]);
                s0 = x.fma(b0, s0);
                t0 = x.fma(b1, t0);
                x = FloatVector.broadcast(S, a[a1 + p]);
                s1 = x.fma(b0, s1);
                t1 = x.fma(b1, t1);
                x = FloatVector.broadcast(S, a[a2 + p]);
                s2 = x.fma(b0, s2);
                t2 = x.fma(b1, t2);
                x = FloatVector.broadcast(S, a[a3 + p]);
                s3 = x.fma(b0, s3);
                t3 = x.fma(b1, t3);
            }
            s0.mul(scale).intoArray(c, cOff + col);
            t0.mul(scale).intoArray(c, cOff + col + L);
            s1.mul(scale).intoArray(c, c1 + col);
            t1.mul(scale).intoArray(c, c1 + col + L);
            s2.mul(scale).intoArray(c, c2 + col);
            t2.mul(scale).intoArray(c, c2 + col + L);
            s3.mul(scale).intoArray(c, c3 + col);
            t3.mul(scale).intoArray(c, c3 + col + L);
        }
        if (col + L <= cols) {
            FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0, bp = bOff + col; p < len; p++, bp += ldb) {
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                s0 = FloatVector.broadcast(S, a[aOff + p]).fma(b0, s0);
                s1 = FloatVector.broadcast(S, a[a1 + p]).fma(b0, s1);
                s2 = FloatVector.broadcast(S, a[a2 + p]).fma(b0, s2);
                s3 = FloatVector.broadcast(S, a[a3 + p]).fma(b0, s3);
            }
            s0.mul(scale).intoArray(c, cOff + col);
            s1.mul(scale).intoArray(c, c1 + col);
            s2.mul(scale).intoArray(c, c2 + col);
            s3.mul(scale).intoArray(c, c3 + col);
            col += L;
        }
        return col;
    }

    /** {@link #block4} for one row. */
    private static int block1(
            float[] a, int aOff, int len, float[] b, int bOff, int ldb, int cols, float scale, float[] c, int cOff) {
        int col = 0;
        for (; col + 2 * L <= cols; col += 2 * L) {
            FloatVector s0 = FloatVector.zero(S), t0 = s0;
            for (int p = 0, bp = bOff + col; p < len; p++, bp += ldb) {
                FloatVector x = FloatVector.broadcast(S, a[aOff + p]);
                s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
                t0 = x.fma(FloatVector.fromArray(S, b, bp + L), t0);
            }
            s0.mul(scale).intoArray(c, cOff + col);
            t0.mul(scale).intoArray(c, cOff + col + L);
        }
        if (col + L <= cols) {
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0, bp = bOff + col; p < len; p++, bp += ldb) {
                s0 = FloatVector.broadcast(S, a[aOff + p]).fma(FloatVector.fromArray(S, b, bp), s0);
            }
            s0.mul(scale).intoArray(c, cOff + col);
            col += L;
        }
        return col;
    }

    /** Elements {@code [d0, headDim)} of one query's context, scalar, in the same order. */
    private static void contextTail(
            float[] qkv, int v, int ld, float[] buf, int probs, int seqLen, int d0, int headDim, float[] out, int o) {
        for (int d = d0; d < headDim; d++) {
            float acc = 0f;
            for (int j = 0; j < seqLen; j++) acc = Math.fma(buf[probs + j], qkv[v + j * ld + d], acc);
            out[o + d] = acc;
        }
    }
}
