/**
 * Numeric kernels (matmul, attention, layer norm, softmax, GELU, embedding sum) in a Vector API
 * version and a scalar twin with the same contract; kernels know nothing about models.
 *
 * <p>{@link dev.jembed.engine.kernel.Kernels#preferred()} picks {@link dev.jembed.engine.kernel.VectorKernels}
 * when {@code jdk.incubator.vector} is loaded (system property {@code jembed.kernels=scalar|vector}
 * overrides). Linear weights should be packed once with
 * {@link dev.jembed.engine.kernel.PackedMatrix#pack} and multiplied with the {@code PackedMatrix}
 * overload of {@code matmul}: a 6-row by 4-vector (AVX-512) or 6 x 2 (AVX2) broadcast micro-kernel
 * that reaches most of the core's FMA peak. Every matmul output is one fused multiply-add chain in
 * input order in every implementation and layout, so results are bit-identical across kernels,
 * batch composition, column splits and threads.
 */
package dev.jembed.engine.kernel;
