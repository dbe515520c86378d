/**
 * Numeric kernels (matmul, attention, layer norm, softmax, GELU, embedding sum) in a Vector API
 * version and a scalar twin with the same contract; kernels know nothing about models.
 */
package dev.jembed.engine.kernel;
