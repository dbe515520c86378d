/**
 * Numeric kernels (matmul, attention, LayerNorm, softmax, GELU, embedding sum) behind one contract,
 * {@link dev.jembed.engine.kernel.Kernels}, in a Vector API version and a scalar twin; kernels know
 * nothing about models. Exported to {@code dev.jembed.pooling} only (which follows the engine's
 * choice of kernels for its own reductions); applications choose kernels by name through
 * {@code EngineOptions.withKernels("auto" | "vector" | "scalar")} or {@code -Djembed.kernels}. On the
 * class path the JMH benchmarks call them directly. The classes behind the interface are
 * package-private.
 *
 * <p>A kernel call passes what varies per call (activation arrays, offsets, row counts, column and
 * head ranges) as plain arguments, and what is fixed for a model as one small record built at load
 * time: {@link dev.jembed.engine.kernel.Dense} (weight, bias and activation of a matmul, the weight a
 * {@link dev.jembed.engine.kernel.PackedMatrix} or a {@link dev.jembed.engine.kernel.RowMajorMatrix}),
 * {@link dev.jembed.engine.kernel.LayerNormWeights}, {@link dev.jembed.engine.kernel.AttentionLayout}
 * and {@link dev.jembed.engine.kernel.EmbeddingTables}; so a forward pass allocates nothing for them.
 *
 * <p>One class per job: {@code VectorKernels} checks arguments and dispatches to {@code VectorMatmul}
 * (register-tiled micro-kernels, {@code MicroKernels}, generated from one template, over
 * {@link dev.jembed.engine.kernel.PackedMatrix} panels; {@code VectorDecode} for bf16 / int8 panels),
 * {@code VectorAttention}, {@code VectorMath} (exp, GELU, softmax, LayerNorm) and {@code VectorEmbeddings};
 * {@code ScalarKernels} and {@code KernelMath} are the scalar twins. Every matmul output is one fused
 * multiply-add chain in input order in every implementation and layout, and every sum runs in an order
 * fixed by the sizes alone, so results are bit-identical across kernels, vector widths, batch
 * composition, column splits and threads.
 */
package dev.jembed.engine.kernel;
