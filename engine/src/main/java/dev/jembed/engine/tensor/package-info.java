/**
 * Weights as the engine sees them: {@link dev.jembed.engine.tensor.Weights}, a set of named
 * read-only {@link dev.jembed.engine.tensor.FloatTensor}s (a safetensors file, a sharded checkpoint,
 * or weights built in memory), and {@link dev.jembed.engine.tensor.MissingTensorException}, which
 * lists every tensor a model needed and did not find. Exported because a {@code Backend} builds its
 * encoders from {@code Weights}; pass your own to {@code Encoders.load(Weights, EncoderConfig, EngineOptions)}.
 */
package dev.jembed.engine.tensor;
