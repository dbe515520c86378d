package dev.jembed.engine.model;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * The entry into this package for {@link dev.jembed.engine.Encoders}: builds the Hugging Face model
 * class {@code config.architecture()} names. Not exported; users call {@code Encoders.load}.
 */
public final class Models {
    private Models() {}

    /**
     * {@link BertModel}, {@link DistilBertModel} or {@link RobertaModel} over {@code weights}, which
     * must stay open while it is used.
     */
    public static Encoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        return switch (config.architecture()) {
            case BERT -> BertModel.load(weights, config, options);
            case DISTILBERT -> DistilBertModel.load(weights, config, options);
            case ROBERTA -> RobertaModel.load(weights, config, options);
        };
    }
}
