/**
 * {@code jembed serve}: an HTTP embedding server that speaks the OpenAI embeddings API and the
 * Hugging Face text-embeddings-inference (TEI) routes, built on the JDK's own HTTP server with a
 * virtual thread per exchange. {@link dev.jembed.cli.serve.EmbeddingServer} owns the listener and
 * the routes; {@link dev.jembed.cli.serve.Batcher} coalesces the inputs of concurrent requests into
 * token-budgeted forward passes.
 */
package dev.jembed.cli.serve;
