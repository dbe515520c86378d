/** Read-only float tensors and the named weight sets that hold them. */
package dev.jembed.engine.tensor;
