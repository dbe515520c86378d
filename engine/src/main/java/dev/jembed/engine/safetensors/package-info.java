/**
 * Safetensors weights: {@link dev.jembed.engine.safetensors.SafetensorsWeights#open} opens a model
 * folder's {@code model.safetensors} or sharded index as {@link dev.jembed.engine.tensor.Weights};
 * {@link dev.jembed.engine.safetensors.SafetensorsFile} is the validating, memory-mapped reader of one
 * file ({@link dev.jembed.engine.safetensors.TensorInfo}, {@link dev.jembed.engine.safetensors.DType})
 * and {@link dev.jembed.engine.safetensors.SafetensorsException} names what is wrong with a file.
 * Exported to jembed's pooling module only (it reads its Dense layers this way); its errors extend the
 * exported {@code ModelFileException}. The writer is a build-time tool in {@code jembed-tools}.
 */
package dev.jembed.engine.safetensors;
