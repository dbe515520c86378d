/**
 * jembed for Spring AI: {@link dev.jembed.springai.JembedEmbeddingModel} is an
 * {@code org.springframework.ai.embedding.EmbeddingModel} computed in pure Java, and
 * {@link dev.jembed.springai.JembedAutoConfiguration} provides it to Spring Boot applications,
 * configured by the {@code jembed.*} properties ({@link dev.jembed.springai.JembedProperties}).
 *
 * <p>Modules: this jar has no {@code module-info}, because Spring AI's jars are neither modules nor
 * name one, and Spring Boot finds auto-configurations on the class path. Its manifest names it
 * {@code dev.jembed.springai} for applications on the module path.
 */
package dev.jembed.springai;
