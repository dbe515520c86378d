/**
 * Numeric kernels (matmul, attention, LayerNorm, softmax, GELU, embedding sum) behind one contract,
 * {@link dev.jembed.engine.kernel.Kernels}, in a Vector API version and a scalar twin; kernels know
 * nothing about models. Exported because {@code EngineOptions.withKernels} takes them
 * ({@link dev.jembed.engine.kernel.Kernels#preferred()}, {@code scalar()}, {@code vector()}) and
 * {@code EncoderConfig.hiddenAct()} is an {@link dev.jembed.engine.kernel.Activation}; the classes
 * behind them are package-private.
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
