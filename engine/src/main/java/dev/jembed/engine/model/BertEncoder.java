package dev.jembed.engine.model;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * Hugging Face {@code BertModel}: MiniLM, bge, e5 and other BERT-shaped encoders. Positions are
 * 0, 1, 2, ...; token types come from the caller (zeros by default). Weight names are the module
 * paths ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.weight},
 * ...), with or without the {@code bert.} prefix of {@code BertFor...} checkpoints.
 */
public final class BertEncoder implements Encoder {
    private final EncoderConfig config;
    private final Transformer transformer;
    private final Pooler pooler; // null if the checkpoint has none

    private BertEncoder(EncoderConfig config, Transformer transformer, Pooler pooler) {
        this.config = config;
        this.transformer = transformer;
        this.pooler = pooler;
    }

    /** Loads with {@link EngineOptions#defaults()}. */
    public static BertEncoder load(Weights weights, EncoderConfig config) {
        return load(weights, config, EngineOptions.defaults());
    }

    /**
     * Builds the encoder over {@code weights}, which must stay open while it is used.
     *
     * @throws dev.jembed.engine.tensor.MissingTensorException naming every missing tensor
     * @throws dev.jembed.engine.ModelFileException            if a tensor's shape disagrees with the config
     */
    public static BertEncoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        requireArchitecture(config, Architecture.BERT);
        long hidden = config.hiddenSize(), intermediate = config.intermediateSize();
        TensorLoader t = new TensorLoader(weights, Architecture.BERT.weightPrefix(), "embeddings.word_embeddings.weight",
                options.weights());
        Embeddings embeddings = Embeddings.loadBert(t, config.vocabSize(), config.typeVocabSize(),
                config.maxPositionEmbeddings(), hidden);
        EncoderLayer[] layers = new EncoderLayer[config.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) layers[i] = EncoderLayer.loadBert(t, i, hidden, intermediate);
        Pooler pooler = Pooler.loadIfPresent(t, hidden);
        t.noLayersBeyond("encoder.layer.", layers.length);
        t.check();
        return new BertEncoder(config, new Transformer(config, embeddings, layers, BertEncoder::positions, options,
                "jembed-bert"), pooler);
    }

    /** BERT's absolute positions: token t sits at position t. */
    static void positions(int[] ids, int[] out, int outOff) {
        for (int t = 0; t < ids.length; t++) out[outOff + t] = t;
    }

    static void requireArchitecture(EncoderConfig config, Architecture expected) {
        if (config.architecture() != expected) {
            throw new IllegalArgumentException("config is for " + config.architecture() + ", not " + expected);
        }
    }

    @Override
    public EncoderConfig config() {
        return config;
    }

    @Override
    public float[][] forward(int[][] inputIds, int[][] tokenTypeIds) {
        return transformer.forward(inputIds, tokenTypeIds);
    }

    /** True if the checkpoint has the pooler ({@code pooler.dense}). */
    public boolean hasPooler() {
        return pooler != null;
    }

    /**
     * Hugging Face's {@code pooler_output}, {@code tanh(dense(h[0]))}, from a sequence's last hidden state.
     *
     * @throws IllegalStateException if the checkpoint has no pooler
     */
    public float[] poolerOutput(float[] lastHiddenState) {
        if (pooler == null) throw new IllegalStateException("this checkpoint has no pooler");
        return pooler.apply(transformer.kernels(), lastHiddenState, config.hiddenSize());
    }

    @Override
    public void close() {
        transformer.close();
    }

    @Override
    public String toString() {
        return "BertEncoder[" + config.numHiddenLayers() + " layers, hidden " + config.hiddenSize() + ", "
                + transformer.threads() + " threads, " + transformer.kernels().name() + "]";
    }
}
