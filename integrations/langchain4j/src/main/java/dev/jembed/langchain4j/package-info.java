/**
 * jembed for LangChain4j: {@link dev.jembed.langchain4j.JembedEmbeddingModel} is a
 * {@code dev.langchain4j.model.embedding.EmbeddingModel} computed in pure Java, without ONNX
 * Runtime or any native library.
 */
package dev.jembed.langchain4j;
