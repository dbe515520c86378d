package dev.jembed.engine.model;

import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;
import java.util.function.BiFunction;

/**
 * Hugging Face {@code BertModel}: {@code embeddings} ({@link BertEmbeddings}), {@code encoder}
 * ({@link BertEncoder}) and the optional {@code pooler} ({@link BertPooler}). MiniLM, bge, e5 and other
 * BERT-shaped encoders. Weight names are the module paths ({@code embeddings.word_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ...), with or without the {@code bert.} prefix
 * of {@code BertFor...} checkpoints.
 */
sealed class BertModel extends EncoderModel permits RobertaModel {
    private final BertEncoder encoder;
    private final BertPooler pooler; // null if the checkpoint has none

    BertModel(
            EncoderConfig config,
            BertEmbeddings embeddings,
            BertEncoder encoder,
            BertPooler pooler,
            EngineOptions options) {
        super(config, embeddings, options);
        this.encoder = encoder;
        this.pooler = pooler;
    }

    /**
     * Builds the model over {@code weights}, which must stay open while it is used.
     *
     * @throws dev.jembed.engine.tensor.MissingTensorException naming every missing tensor
     * @throws dev.jembed.engine.ModelFileException            if a tensor's shape disagrees with the config
     * @throws IllegalArgumentException                        if the config is not BERT's
     */
    static BertModel load(Weights weights, EncoderConfig config, EngineOptions options) {
        return load(weights, config, options, Architecture.BERT, BertEmbeddings::load, BertModel::new);
    }

    /** How a {@link BertModel} (or {@link RobertaModel}) is built from its loaded modules. */
    @FunctionalInterface
    interface Builder<E extends BertEmbeddings, M extends BertModel> {
        M build(EncoderConfig config, E embeddings, BertEncoder encoder, BertPooler pooler, EngineOptions options);
    }

    /**
     * {@code embeddings}, {@code encoder} and {@code pooler} from the checkpoint of {@code architecture},
     * checked, then the model (whose thread pool starts only then): BERT's and RoBERTa's {@code load},
     * which differ in the embeddings only.
     */
    static <E extends BertEmbeddings, M extends BertModel> M load(
            Weights weights,
            EncoderConfig config,
            EngineOptions options,
            Architecture architecture,
            BiFunction<WeightPath, EncoderConfig, E> embeddings,
            Builder<E, M> builder) {
        WeightPath p = WeightPath.root(weights, config, architecture, options.weights());
        E e = embeddings.apply(p.pp("embeddings"), config);
        BertEncoder encoder = BertEncoder.load(p.pp("encoder"), config);
        BertPooler pooler = BertPooler.loadIfPresent(p.pp("pooler"), config);
        p.check();
        return builder.build(config, e, encoder, pooler, options);
    }

    @Override
    final void encode(RunState s) {
        encoder.forward(compute, s);
    }

    /** True if the checkpoint has the pooler ({@code pooler.dense}). */
    final boolean hasPooler() {
        return pooler != null;
    }

    /**
     * Hugging Face's {@code pooler_output}, {@code tanh(dense(h[0]))}, from a sequence's last hidden state.
     *
     * @throws IllegalStateException if the checkpoint has no pooler
     */
    final float[] poolerOutput(float[] lastHiddenState) {
        if (pooler == null) throw new IllegalStateException("this checkpoint has no pooler");
        return pooler.forward(compute.kernels, lastHiddenState);
    }
}
