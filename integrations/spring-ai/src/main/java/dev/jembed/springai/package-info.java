/**
 * jembed for Spring AI: {@link dev.jembed.springai.JembedEmbeddingModel} is an
 * {@code org.springframework.ai.embedding.EmbeddingModel} computed in pure Java, and
 * {@link dev.jembed.springai.JembedAutoConfiguration} provides it to Spring Boot applications,
 * configured by the {@code jembed.*} properties ({@link dev.jembed.springai.JembedProperties}).
 */
package dev.jembed.springai;
