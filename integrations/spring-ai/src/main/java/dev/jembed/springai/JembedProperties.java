package dev.jembed.springai;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code jembed.*} properties of {@link JembedAutoConfiguration}.
 *
 * @param model     {@code jembed.model}: a Hugging Face id {@code org/name[@revision]} (embedded in a
 *                  jembed model jar, in the Hugging Face cache, or downloaded) or a model folder
 * @param threads   {@code jembed.threads}: encoder threads, 0 for every core
 * @param weights   {@code jembed.weights}: the Linear weights as f32, bf16 or int8
 * @param batchSize {@code jembed.batch-size}: texts per forward pass
 * @param prompt    {@code jembed.prompt}: text prepended to every input; unset keeps the model's default
 */
@ConfigurationProperties("jembed")
public record JembedProperties(
        @DefaultValue("sentence-transformers/all-MiniLM-L6-v2")
        String model,

        @DefaultValue("0") int threads,
        @DefaultValue("f32") String weights,
        @DefaultValue("32") int batchSize,
        String prompt) {}
