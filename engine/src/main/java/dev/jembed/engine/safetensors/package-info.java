/**
 * Safetensors weights: a validating, memory-mapped reader ({@link dev.jembed.engine.safetensors.SafetensorsFile}),
 * sharded checkpoints, the loading entry point ({@link dev.jembed.engine.safetensors.SafetensorsWeights}) and a
 * writer that reproduces the reference library's byte layout.
 */
package dev.jembed.engine.safetensors;
