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
            float[] a,
            int aOff,
            int lda,
            int rows,
            int k,
            MemorySegment w,
            MemorySegment bias,
            Activation act,
            float[] c,
            int cOff,
            int ldc,
            int colFrom,
            int colTo) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * lda, cr = cOff + r * ldc;
            int j = colFrom;
            // four outputs at a time: four independent fma chains hide the fma latency
            for (; j + 4 <= colTo; j += 4) {
                long w0 = 4L * j * k, w1 = w0 + 4L * k, w2 = w1 + 4L * k, w3 = w2 + 4L * k;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                for (int p = 0; p < k; p++) {
                    float x = a[ar + p];
                    long pb = 4L * p;
                    s0 = Math.fma(x, w.get(F32, w0 + pb), s0);
                    s1 = Math.fma(x, w.get(F32, w1 + pb), s1);
                    s2 = Math.fma(x, w.get(F32, w2 + pb), s2);
                    s3 = Math.fma(x, w.get(F32, w3 + pb), s3);
                }
                c[cr + j] = finish(s0, bias, j, act);
                c[cr + j + 1] = finish(s1, bias, j + 1, act);
                c[cr + j + 2] = finish(s2, bias, j + 2, act);
                c[cr + j + 3] = finish(s3, bias, j + 3, act);
            }
            for (; j < colTo; j++) {
                long wj = 4L * j * k;
                float s = 0f;
                for (int p = 0; p < k; p++) s = Math.fma(a[ar + p], w.get(F32, wj + 4L * p), s);
                c[cr + j] = finish(s, bias, j, act);
            }
        }
    }

    private static float finish(float s, MemorySegment bias, int j, Activation act) {
        return KernelMath.apply(bias == null ? s : s + bias.getAtIndex(F32, j), act);
    }

    @Override
    public void matmul(
            float[] a,
            int aOff,
            int lda,
            int rows,
            PackedMatrix w,
            MemorySegment bias,
            Activation act,
            float[] c,
            int cOff,
            int ldc,
            int colFrom,
            int colTo) {
        if (colFrom < 0 || colTo > w.n() || colFrom > colTo) {
            throw new IndexOutOfBoundsException("columns [" + colFrom + ", " + colTo + ") of " + w);
        }
        int k = w.k(), panel = PackedMatrix.PANEL, panelSize = k * panel;
        for (int pj = colFrom - colFrom % panel; pj < colTo; pj += panel) {
            float[] wd;
            int base;
            if (w.data != null) {
                wd = w.data;
                base = (pj / panel) * panelSize;
            } else {
                wd = ThreadScratch.floats(panelSize);
                w.decodePanel(pj / panel, wd, 0);
                base = 0;
            }
            panelColumns(
                    a,
                    aOff,
                    lda,
                    rows,
                    k,
                    wd,
                    base,
                    bias,
                    act,
                    c,
                    cOff,
                    ldc,
                    pj,
                    Math.max(pj, colFrom),
                    Math.min(colTo, pj + panel));
        }
    }

    /** Columns [j0, j1) of the panel starting at column pj, whose weights start at {@code wd[base]}. */
    private static void panelColumns(
            float[] a,
            int aOff,
            int lda,
            int rows,
            int k,
            float[] wd,
            int base,
            MemorySegment bias,
            Activation act,
            float[] c,
            int cOff,
            int ldc,
            int pj,
            int j0,
            int j1) {
        int panel = PackedMatrix.PANEL;
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

    @Override
    public void addLayerNorm(
            float[] x,
            int xOff,
            float[] residual,
            int rOff,
            int rows,
            int dim,
            MemorySegment gamma,
            MemorySegment beta,
            float eps,
            float[] out,
            int outOff) {
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
            float[] qkv,
            int off,
            int ld,
            int qCol,
            int kCol,
            int vCol,
            int seqLen,
            int headDim,
            int headFrom,
            int headTo,
            float scale,
            float[] out,
            int outOff,
            int ldo,
            float[] scratch) {
        for (int h = headFrom; h < headTo; h++) {
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
            int[] ids,
            int[] typeIds,
            int[] posIds,
            int count,
            MemorySegment word,
            MemorySegment type,
            MemorySegment pos,
            int dim,
            float[] out,
            int outOff) {
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
