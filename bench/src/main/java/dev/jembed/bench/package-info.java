/** JMH benchmarks of the kernels and tokenizers, and the end-to-end comparison with ONNX Runtime. */
package dev.jembed.bench;
