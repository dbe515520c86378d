package dev.jembed.springai;

import dev.jembed.engine.WeightFormat;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot auto-configuration: a {@link JembedEmbeddingModel} bean configured by
 * {@link JembedProperties}, unless the application defines its own {@link EmbeddingModel}. The
 * model is loaded when the context starts and closed with it.
 */
@AutoConfiguration
@EnableConfigurationProperties(JembedProperties.class)
public final class JembedAutoConfiguration {

    /** The jembed embedding model the {@code jembed.*} properties describe. */
    @Bean
    @ConditionalOnMissingBean(EmbeddingModel.class)
    public JembedEmbeddingModel jembedEmbeddingModel(JembedProperties properties) {
        if (properties.threads() < 0)
            throw new IllegalArgumentException("jembed.threads must not be negative, got " + properties.threads());
        if (properties.batchSize() < 1)
            throw new IllegalArgumentException("jembed.batch-size must be positive, got " + properties.batchSize());
        WeightFormat weights;
        try {
            weights = WeightFormat.parse(properties.weights());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jembed.weights: " + e.getMessage(), e);
        }
        LoadOptions load =
                LoadOptions.defaults().withThreads(properties.threads()).withWeights(weights);
        SentenceTransformer model = SentenceTransformer.load(properties.model(), load);
        EncodeOptions options =
                EncodeOptions.defaults().withBatchSize(properties.batchSize()).withPrompt(properties.prompt());
        return new JembedEmbeddingModel(model, properties.model(), options);
    }
}
