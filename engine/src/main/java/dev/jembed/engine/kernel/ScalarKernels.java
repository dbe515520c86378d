package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain-Java kernels with the contract of {@link Kernels}: the reference the Vector API kernels are
 * tested against, and the fallback when {@code jdk.incubator.vector} is absent. Straight loops,
 * one float accumulator per output, fused multiply-adds in index order.
 */
final class ScalarKernels implements Kernels {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** The scalar kernels; they hold no state. */
    public ScalarKernels() {}

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void matmul(
            Dense layer, float[] a, int aOff, int lda, int rows, float[] c, int cOff, int ldc, int colFrom, int colTo) {
        layer.checkColumns(colFrom, colTo);
        WeightMatrix w = layer.weight();
        MemorySegment bias = layer.bias();
        Activation act = layer.act();
        int k = w.k(), panel = PackedMatrix.PANEL, panelSize = k * panel;
        float[] f32 = w instanceof PackedMatrix p ? p.data : null;
        for (int pj = colFrom - colFrom % panel; pj < colTo; pj += panel) {
            // columns [j0, j1) of the panel starting at column pj, whose weights start at wd[base]
            int j0 = Math.max(pj, colFrom), j1 = Math.min(colTo, pj + panel);
            float[] wd = f32;
            int base = (pj / panel) * panelSize;
            if (f32 == null) {
                wd = ThreadScratch.floats(panelSize);
                base = 0;
                switch (w) {
                    case PackedMatrix p -> p.decodePanel(pj / panel, wd, 0);
                    case RowMajorMatrix m -> m.relayPanel(pj, j0, j1, j1, wd, 0);
                }
            }
            for (int r = 0; r < rows; r++) {
                int ar = aOff + r * lda, cr = cOff + r * ldc;
                int j = j0;
                // four outputs at a time, as independent fma chains
                for (; j + 4 <= j1; j += 4) {
                    int wj = base + j - pj;
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                    for (int p = 0, wo = wj; p < k; p++, wo += panel) {
                        float x = a[ar + p];
                        s0 = Math.fma(x, wd[wo], s0);
                        s1 = Math.fma(x, wd[wo + 1], s1);
                        s2 = Math.fma(x, wd[wo + 2], s2);
                        s3 = Math.fma(x, wd[wo + 3], s3);
                    }
                    c[cr + j] = finish(s0, bias, j, act);
                    c[cr + j + 1] = finish(s1, bias, j + 1, act);
                    c[cr + j + 2] = finish(s2, bias, j + 2, act);
                    c[cr + j + 3] = finish(s3, bias, j + 3, act);
                }
                for (; j < j1; j++) {
                    int wj = base + j - pj;
                    float s = 0f;
                    for (int p = 0; p < k; p++) s = Math.fma(a[ar + p], wd[wj + p * panel], s);
                    c[cr + j] = finish(s, bias, j, act);
                }
            }
        }
    }

    private static float finish(float s, MemorySegment bias, int j, Activation act) {
        return KernelMath.apply(bias == null ? s : s + bias.getAtIndex(F32, j), act);
    }

    @Override
    public void addLayerNorm(
            LayerNormWeights norm, float[] x, int xOff, float[] residual, int rOff, int rows, float[] out, int outOff) {
        MemorySegment gamma = norm.gamma(), beta = norm.beta();
        float eps = norm.eps();
        int dim = norm.dim();
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * dim, oo = outOff + r * dim, ro = rOff + r * dim;
            float sum = 0f;
            for (int i = 0; i < dim; i++) {
                float y = residual == null ? x[xo + i] : x[xo + i] + residual[ro + i];
                out[oo + i] = y;
                sum += y;
            }
            float mean0 = sum / dim;
            float s1 = 0f, s2 = 0f;
            for (int i = 0; i < dim; i++) {
                float d = out[oo + i] - mean0;
                s1 += d;
                s2 = Math.fma(d, d, s2);
            }
            float shift = s1 / dim;
            float mean = mean0 + shift;
            float rstd = KernelMath.rstd(Math.max(0f, Math.fma(-shift, shift, s2 / dim)), eps);
            for (int i = 0; i < dim; i++) {
                float n = (out[oo + i] - mean) * rstd;
                out[oo + i] = Math.fma(n, gamma.getAtIndex(F32, i), beta.getAtIndex(F32, i));
            }
        }
    }

    @Override
    public void softmax(float[] x, int off, int len) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = off; i < off + len; i++) max = Math.max(max, x[i]);
        float sum = 0f;
        for (int i = off; i < off + len; i++) {
            float e = KernelMath.exp(x[i] - max);
            x[i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = off; i < off + len; i++) x[i] *= inv;
    }

    @Override
    public void activate(float[] x, int off, int len, Activation act) {
        if (act == Activation.NONE) return;
        for (int i = off; i < off + len; i++) x[i] = KernelMath.apply(x[i], act);
    }

    @Override
    public void attention(
            AttentionLayout layout, float[] qkv, int off, int seqLen, int h0, int h1, float[] out, int outOff) {
        int ld = layout.ld(), qCol = layout.qCol(), kCol = layout.kCol(), vCol = layout.vCol();
        int headDim = layout.headDim(), ldo = layout.ldo();
        float scale = layout.scale();
        float[] scratch = ThreadScratch.floats(seqLen); // the scores of one query
        for (int h = h0; h < h1; h++) {
            int hd = h * headDim;
            for (int t = 0; t < seqLen; t++) {
                int q = off + t * ld + qCol + hd;
                for (int j = 0; j < seqLen; j++) {
                    int kk = off + j * ld + kCol + hd;
                    float s = 0f;
                    for (int d = 0; d < headDim; d++) s = Math.fma(qkv[q + d], qkv[kk + d], s);
                    scratch[j] = s * scale;
                }
                softmax(scratch, 0, seqLen);
                int o = outOff + t * ldo + hd;
                for (int d = 0; d < headDim; d++) out[o + d] = 0f;
                for (int j = 0; j < seqLen; j++) {
                    int v = off + j * ld + vCol + hd;
                    float p = scratch[j];
                    for (int d = 0; d < headDim; d++) out[o + d] = Math.fma(p, qkv[v + d], out[o + d]);
                }
            }
        }
    }

    @Override
    public void embeddingSum(
            EmbeddingTables tables, int[] ids, int[] typeIds, int[] posIds, int count, float[] out, int outOff) {
        MemorySegment word = tables.word(), type = tables.type(), pos = tables.pos();
        int dim = tables.dim();
        for (int t = 0; t < count; t++) {
            long wo = (long) ids[t] * dim, po = (long) posIds[t] * dim;
            long to = type == null ? 0 : (long) typeIds[t] * dim;
            int o = outOff + t * dim;
            for (int i = 0; i < dim; i++) {
                float e = word.getAtIndex(F32, wo + i);
                if (type != null) e += type.getAtIndex(F32, to + i);
                out[o + i] = e + pos.getAtIndex(F32, po + i);
            }
        }
    }
}
