package dev.jembed.engine.model;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;

/**
 * Hugging Face {@code RobertaModel} and {@code XLMRobertaModel}: BERT's layers and weight names
 * (optionally prefixed {@code roberta.}), with positions numbered from the padding index as
 * Hugging Face's {@code create_position_ids_from_input_ids} does: a non-pad token's position is
 * {@code padding_idx + 1 + (non-pad tokens before it)}, a pad token's is {@code padding_idx}.
 * The usable length is therefore {@code max_position_embeddings - padding_idx - 1}.
 */
public final class RobertaEncoder implements Encoder {
    private final EncoderConfig config;
    private final Transformer transformer;
    private final Pooler pooler; // null if the checkpoint has none

    private RobertaEncoder(EncoderConfig config, Transformer transformer, Pooler pooler) {
        this.config = config;
        this.transformer = transformer;
        this.pooler = pooler;
    }

    /** Loads with {@link EngineOptions#defaults()}. */
    public static RobertaEncoder load(Weights weights, EncoderConfig config) {
        return load(weights, config, EngineOptions.defaults());
    }

    /**
     * Builds the encoder over {@code weights}, which must stay open while it is used.
     *
     * @throws dev.jembed.engine.tensor.MissingTensorException naming every missing tensor
     * @throws dev.jembed.engine.ModelFileException            if a tensor's shape disagrees with the config
     */
    public static RobertaEncoder load(Weights weights, EncoderConfig config, EngineOptions options) {
        BertEncoder.requireArchitecture(config, Architecture.ROBERTA);
        long hidden = config.hiddenSize(), intermediate = config.intermediateSize();
        TensorLoader t = new TensorLoader(weights, Architecture.ROBERTA.weightPrefix(), "embeddings.word_embeddings.weight",
                options.weights());
        Embeddings embeddings = Embeddings.loadBert(t, config.vocabSize(), config.typeVocabSize(),
                config.maxPositionEmbeddings(), hidden);
        EncoderLayer[] layers = new EncoderLayer[config.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) layers[i] = EncoderLayer.loadBert(t, i, hidden, intermediate);
        Pooler pooler = Pooler.loadIfPresent(t, hidden);
        t.noLayersBeyond("encoder.layer.", layers.length);
        t.check();
        int paddingIdx = config.padTokenId();
        Transformer.Positions positions = (ids, out, off) -> positions(ids, paddingIdx, out, off);
        return new RobertaEncoder(config, new Transformer(config, embeddings, layers, positions, options,
                "jembed-roberta"), pooler);
    }

    /** Hugging Face's {@code create_position_ids_from_input_ids} for one sequence. */
    static void positions(int[] ids, int paddingIdx, int[] out, int outOff) {
        int running = 0;
        for (int i = 0; i < ids.length; i++) {
            out[outOff + i] = ids[i] == paddingIdx ? paddingIdx : paddingIdx + 1 + running++;
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
        return "RobertaEncoder[" + config.numHiddenLayers() + " layers, hidden " + config.hiddenSize() + ", "
                + transformer.threads() + " threads, " + transformer.kernels().name() + "]";
    }
}
