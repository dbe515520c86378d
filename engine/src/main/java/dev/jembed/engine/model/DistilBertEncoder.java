package dev.jembed.engine.model;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * Hugging Face {@code DistilBertModel}: word + position embeddings (no token types), then layers
 * named {@code transformer.layer.i.attention.q_lin}, {@code sa_layer_norm}, {@code ffn.lin1},
 * {@code output_layer_norm}, ... (optionally prefixed {@code distilbert.}). The arithmetic is
 * BERT's post-LayerNorm layer; LayerNorm eps is 1e-12 as DistilBERT hard-codes it.
 */
public final class DistilBertEncoder implements Encoder {
    private final EncoderConfig config;
    private final Transformer transformer;

    private DistilBertEncoder(EncoderConfig config, Transformer transformer) {
        this.config = config;
        this.transformer = transformer;
    }

    /** Loads with {@link EngineOptions#defaults()}. */
    public static DistilBertEncoder load(Weights weights, EncoderConfig config) {
        return load(weights, config, EngineOptions.defaults());
    }

    /**
     * Builds the encoder over {@code weights}, which must stay open while it is used.
     *
     * @throws dev.jembed.engine.tensor.MissingTensorException naming every missing tensor
     * @throws dev.jembed.engine.ModelFileException            if a tensor's shape disagrees with the config
     */
    public static DistilBertEncoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        BertEncoder.requireArchitecture(config, Architecture.DISTILBERT);
        long hidden = config.hiddenSize(), intermediate = config.intermediateSize();
        TensorLoader t = new TensorLoader(weights, Architecture.DISTILBERT.weightPrefix(), "embeddings.word_embeddings.weight",
                options.weights());
        Embeddings embeddings = Embeddings.loadDistilBert(t, config.vocabSize(), config.maxPositionEmbeddings(), hidden);
        EncoderLayer[] layers = new EncoderLayer[config.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) layers[i] = EncoderLayer.loadDistilBert(t, i, hidden, intermediate);
        t.noLayersBeyond("transformer.layer.", layers.length);
        t.check();
        return new DistilBertEncoder(config, new Transformer(config, embeddings, layers, BertEncoder::positions, options,
                "jembed-distilbert"));
    }

    @Override
    public EncoderConfig config() {
        return config;
    }

    /** {@inheritDoc} {@code tokenTypeIds} is ignored: DistilBERT has no token type embeddings. */
    @Override
    public float[][] forward(int[][] inputIds, int[][] tokenTypeIds) {
        return transformer.forward(inputIds, null);
    }

    @Override
    public void close() {
        transformer.close();
    }

    @Override
    public String toString() {
        return "DistilBertEncoder[" + config.numHiddenLayers() + " layers, hidden " + config.hiddenSize() + ", "
                + transformer.threads() + " threads, " + transformer.kernels().name() + "]";
    }
}
