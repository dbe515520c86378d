package dev.jembed.engine.kernel;

import java.lang.foreign.MemorySegment;

/**
 * The numeric kernels of a transformer encoder, free of any model knowledge. Two implementations
 * exist with identical contracts: {@link VectorKernels} (SIMD on {@code jdk.incubator.vector}) and
 * {@link ScalarKernels}, its plain-Java twin that tests compare it against.
 *
 * <p>Conventions. Activations are row-major {@code float[]} with an offset and a leading dimension
 * (elements between consecutive rows), passed per call. What is fixed for a model (weights, biases,
 * LayerNorm parameters, the attention layout, embedding tables) comes in small records built once at
 * load time: {@link Dense}, {@link LayerNormWeights}, {@link AttentionLayout}, {@link EmbeddingTables}.
 * Tables and vectors in them are {@link MemorySegment}s of little-endian float32 starting at byte 0
 * (a slice of a mapped file or a heap array).
 *
 * <p>Determinism. Every output element is computed by a fixed sequence of operations that depends
 * only on its own inputs and the sizes {@code k} / {@code dim} / {@code seqLen}, never on
 * {@code rows}, on the column or head range, or on which thread runs it. This is what makes an
 * embedding independent of its batch and of the thread count.
 *
 * <p>Implementations are thread-safe and hold no state besides per-thread scratch buffers, which
 * grow to the largest call and are then reused; callers split work by rows, column ranges and head
 * ranges.
 */
public interface Kernels {

    /** A short name for logs and {@code jembed info}, e.g. {@code "vector(FloatVector 256 bits)"}. */
    String name();

    /** True for kernels that run on the Vector API, false for plain Java (which pooling then mirrors). */
    default boolean simd() {
        return false;
    }

    /**
     * Linear layer {@code c = act(a W^T + b)} for rows {@code 0 <= r < rows} and output columns
     * {@code colFrom <= j < colTo} of {@code layer}'s weight {@code W [n, k]}:
     * {@code c[cOff + r*ldc + j] = act(s + bias[j])} where {@code s} starts at 0 and takes
     * {@code s = fma(a[aOff + r*lda + p], W[j][p], s)} for {@code p = 0, 1, ..., k-1} in that order.
     * This exact sequence is the contract: every implementation and both {@link WeightMatrix} layouts
     * return the same bits, whatever {@code rows}, the column range or the thread. Column ranges
     * aligned to {@link PackedMatrix#PANEL} waste no work.
     *
     * @throws IndexOutOfBoundsException if {@code [colFrom, colTo)} is not within {@code [0, n)}
     */
    void matmul(
            Dense layer, float[] a, int aOff, int lda, int rows, float[] c, int cOff, int ldc, int colFrom, int colTo);

    /**
     * Residual add and LayerNorm over {@code rows} contiguous rows of {@code norm.dim()}:
     * {@code out[r] = gamma * (y - mean(y)) / sqrt(var(y) + eps) + beta} with {@code y = x[r] + residual[r]}
     * (biased variance, as PyTorch), row r starting at {@code xOff + r*dim}, {@code rOff + r*dim} and
     * {@code outOff + r*dim}. {@code residual} may be null; {@code out} may alias {@code x}.
     */
    void addLayerNorm(
            LayerNormWeights norm, float[] x, int xOff, float[] residual, int rOff, int rows, float[] out, int outOff);

    /** Numerically stable softmax of {@code x[off .. off+len)} in place. */
    void softmax(float[] x, int off, int len);

    /** Applies {@code act} in place to {@code x[off .. off+len)}. */
    void activate(float[] x, int off, int len, Activation act);

    /**
     * Scaled dot-product attention {@code softmax(Q K^T * scale) V} of one sequence of {@code seqLen}
     * tokens, heads {@code [h0, h1)}, no mask (the caller passes only the sequence's own
     * tokens). With {@code l = layout}: the query of token t, head h is
     * {@code qkv[off + t*l.ld + l.qCol + h*l.headDim ..+ l.headDim)} (keys at {@code l.kCol}, values
     * at {@code l.vCol}); its context goes to {@code out[outOff + t*l.ldo + h*l.headDim ..+ l.headDim)}.
     * Scores and context are fma chains over the head dimension and over the keys in index order.
     */
    void attention(AttentionLayout layout, float[] qkv, int off, int seqLen, int h0, int h1, float[] out, int outOff);

    /**
     * Embedding lookup and sum for {@code count} tokens:
     * {@code out[outOff + t*dim ..+ dim) = (word[ids[t]] + type[typeIds[t]]) + pos[posIds[t]]}, in that
     * order as in Hugging Face's BertEmbeddings; without a type table, {@code word + pos} and
     * {@code typeIds} is not read (it may be null).
     */
    void embeddingSum(
            EmbeddingTables tables, int[] ids, int[] typeIds, int[] posIds, int count, float[] out, int outOff);

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

    /**
     * The kernels an engine option names: {@code auto} is {@link #preferred()}, {@code vector}
     * {@link #vector()}, {@code scalar} {@link #scalar()}.
     *
     * @throws IllegalArgumentException for another name
     * @throws IllegalStateException    as {@link #preferred()} and {@link #vector()} do
     */
    static Kernels named(String name) {
        return switch (name) {
            case "auto" -> preferred();
            case "vector" -> vector();
            case "scalar" -> scalar();
            default -> throw new IllegalArgumentException("no kernels named \"" + name + "\" (auto, vector, scalar)");
        };
    }
}
