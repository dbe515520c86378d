package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The numeric kernels of a transformer encoder, free of any model knowledge. Two implementations
 * exist with identical contracts: {@link VectorKernels} (SIMD on {@code jdk.incubator.vector}) and
 * {@link ScalarKernels}, its plain-Java twin that tests compare it against.
 *
 * <p>Conventions. Activations are row-major {@code float[]} with an offset and a leading dimension
 * (elements between consecutive rows). Weights are {@link MemorySegment}s of little-endian float32,
 * row-major, starting at byte 0 of the segment (a slice of a mapped file or a heap array).
 *
 * <p>Determinism. Every output element is computed by a fixed sequence of operations that depends
 * only on its own inputs and the sizes {@code k} / {@code dim} / {@code seqLen}, never on
 * {@code rows}, on the column or head range, or on which thread runs it. This is what makes an
 * embedding independent of its batch and of the thread count.
 *
 * <p>Implementations are thread-safe and hold no state besides per-thread scratch buffers; callers
 * split work by rows, column ranges and head ranges.
 */
public interface Kernels {

    /** A short name for logs and {@code jembed info}, e.g. {@code "vector(FloatVector 256 bits)"}. */
    String name();

    /** True for kernels that run on the Vector API, false for plain Java (which pooling then mirrors). */
    default boolean simd() {
        return false;
    }

    /**
     * Linear layer on a row-major weight: for {@code 0 <= r < rows} and {@code colFrom <= j < colTo},
     * {@code c[cOff + r*ldc + j] = act(s + bias[j])} with
     * {@code s = sum_p a[aOff + r*lda + p] * w[j*k + p]} computed exactly as in the
     * {@link PackedMatrix} overload (one fma chain in input order), so both give the same bits. This
     * one reads the mapped weight directly and re-lays it per call; pack weights once at load time
     * and use the other overload on hot paths.
     *
     * @param w    weight {@code [n, k]} (PyTorch Linear layout, n >= colTo)
     * @param bias {@code [n]} or null for none
     */
    void matmul(
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
            int colTo);

    /**
     * Linear layer on a {@link PackedMatrix} {@code w [n, k]}, the fast path: for {@code 0 <= r < rows}
     * and {@code colFrom <= j < colTo},
     * {@code c[cOff + r*ldc + j] = act(s + bias[j])} where {@code s} starts at 0 and takes
     * {@code s = fma(a[aOff + r*lda + p], w[j][p], s)} for {@code p = 0, 1, ..., k-1} in that order.
     * This exact sequence is the contract: every implementation returns the same bits, whatever
     * {@code rows}, the column range or the thread. Column ranges aligned to {@link PackedMatrix#PANEL}
     * waste no work.
     *
     * @param bias {@code [n]} or null for none
     */
    void matmul(
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
            int colTo);

    /**
     * Residual add and LayerNorm over {@code rows} contiguous rows of {@code dim}:
     * {@code out[r] = gamma * (y - mean(y)) / sqrt(var(y) + eps) + beta} with {@code y = x[r] + residual[r]}
     * (biased variance, as PyTorch). {@code residual} may be null; {@code out} may alias {@code x}.
     */
    void addLayerNorm(
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
            int outOff);

    /** Numerically stable softmax of {@code x[off .. off+len)} in place. */
    void softmax(float[] x, int off, int len);

    /** Applies {@code act} in place to {@code x[off .. off+len)}. */
    void activate(float[] x, int off, int len, Activation act);

    /**
     * Scaled dot-product attention of one sequence, heads {@code [headFrom, headTo)}, no mask (the
     * caller passes only the sequence's own tokens). Row t of Q, K, V for head h starts at
     * {@code qkv[off + t*ld + col + h*headDim]} with col = qCol, kCol, vCol; the context of token t,
     * head h is written to {@code out[outOff + t*ldo + h*headDim .. + headDim)}.
     *
     * @param scale   usually {@code 1/sqrt(headDim)}
     * @param scratch at least {@code seqLen} floats, owned by the calling thread
     */
    void attention(
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
            float[] scratch);

    /**
     * Embedding lookup and sum for {@code count} tokens:
     * {@code out[outOff + t*dim ..] = (word[ids[t]] + type[typeIds[t]]) + pos[posIds[t]]}, in that
     * order as in Hugging Face's BertEmbeddings. {@code type}/{@code typeIds} may be null (DistilBERT).
     * Tables are {@code [rows, dim]}.
     */
    void embeddingSum(
            int[] ids,
            int[] typeIds,
            int[] posIds,
            int count,
            MemorySegment word,
            MemorySegment type,
            MemorySegment pos,
            int dim,
            float[] out,
            int outOff);

    /** The plain-Java kernels, {@link ScalarKernels}: the reference, and the fallback without the Vector API. */
    static Kernels scalar() {
        return KernelSelection.choose("scalar");
    }

    /**
     * The Vector API kernels, {@link VectorKernels}, at this JVM's preferred vector width.
     *
     * @throws IllegalStateException if {@code jdk.incubator.vector} is not loaded
     */
    static Kernels vector() {
        return KernelSelection.choose("vector");
    }

    /**
     * The kernels this JVM should use: {@link VectorKernels} when {@code jdk.incubator.vector} is
     * available and its preferred float species has more than one lane, else {@link ScalarKernels}.
     * System property {@code jembed.kernels=scalar|vector} forces a choice.
     *
     * @throws IllegalStateException if the property has another value, or asks for {@code vector}
     *                               while {@code jdk.incubator.vector} is not loaded
     */
    static Kernels preferred() {
        return KernelSelection.preferred();
    }
}
