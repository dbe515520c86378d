package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.kernel.EmbeddingTables;
import dev.jembed.engine.model.ForwardProfile.Stage;
import dev.jembed.engine.tensor.FloatTensor;

/**
 * Hugging Face {@code BertEmbeddings}: {@code LayerNorm(word_embeddings[ids] + token_type_embeddings[types]
 * + position_embeddings[positions])}, positions {@code 0, 1, 2, ...} within each sequence. The tables
 * are read from the (memory-mapped) checkpoint, never copied.
 */
sealed class BertEmbeddings permits RobertaEmbeddings, DistilBertEmbeddings {
    /**
     * Tokens in one forward call from which the word-embedding pages it touched are handed back to the
     * page cache afterwards (see {@link #releasePages}).
     */
    static final int RELEASE_PAGES_TOKENS = 512;

    final FloatTensor wordEmbeddings; // [vocab, hidden]
    final FloatTensor tokenTypeEmbeddings; // [typeVocab, hidden]; null for DistilBERT
    final FloatTensor positionEmbeddings; // [maxPositions, hidden]
    final LayerNorm layerNorm;
    private final EmbeddingTables tables; // the three tables above, for the kernel

    BertEmbeddings(
            FloatTensor wordEmbeddings,
            FloatTensor tokenTypeEmbeddings,
            FloatTensor positionEmbeddings,
            LayerNorm layerNorm) {
        this.wordEmbeddings = wordEmbeddings;
        this.tokenTypeEmbeddings = tokenTypeEmbeddings;
        this.positionEmbeddings = positionEmbeddings;
        this.layerNorm = layerNorm;
        // null if a table is missing or misshapen: WeightPath.check() reports it before any forward pass
        this.tables = wordEmbeddings == null || positionEmbeddings == null
                ? null
                : new EmbeddingTables(
                        wordEmbeddings.data(),
                        tokenTypeEmbeddings == null ? null : tokenTypeEmbeddings.data(),
                        positionEmbeddings.data(),
                        (int) wordEmbeddings.shape()[1]);
    }

    /** {@code embeddings.word_embeddings}, {@code token_type_embeddings}, {@code position_embeddings}, {@code LayerNorm}. */
    static BertEmbeddings load(WeightPath p, EncoderConfig config) {
        int hidden = config.hiddenSize();
        return new BertEmbeddings(
                p.pp("word_embeddings").tensor("weight", config.vocabSize(), hidden),
                p.pp("token_type_embeddings").tensor("weight", config.typeVocabSize(), hidden),
                p.pp("position_embeddings").tensor("weight", config.maxPositionEmbeddings(), hidden),
                LayerNorm.load(p.pp("LayerNorm"), hidden, config.layerNormEps()));
    }

    /** Whether the model reads token type ids (DistilBERT has none and ignores them). */
    final boolean hasTokenTypes() {
        return tokenTypeEmbeddings != null;
    }

    /** Writes the position ids of one sequence {@code ids} to {@code out[off .. off + ids.length)}: here 0, 1, 2, ... */
    void positionIds(int[] ids, int[] out, int off) {
        for (int t = 0; t < ids.length; t++) out[off + t] = t;
    }

    /** {@code s.ids}, {@code s.typeIds}, {@code s.posIds} {@code [T]} to {@code s.hidden [T, hidden]}. */
    final void forward(Compute c, RunState s) {
        // s.hidden [T, hidden] = word[ids] + tokenType[typeIds] + position[posIds]
        c.kernels.embeddingSum(tables, s.ids, s.typeIds, s.posIds, s.tokens, s.hidden, 0);
        // s.hidden [T, hidden] = LayerNorm(s.hidden)
        c.addLayerNorm(layerNorm, s.hidden, null, s.tokens, s.hidden);
        s.lap(Stage.EMBEDDINGS);
    }

    /**
     * The page-cache rule for the word table: after a call of {@link #RELEASE_PAGES_TOKENS} tokens or
     * more, the mapped pages of the table are handed back. A large batch touches thousands of rows of
     * it (up to the whole 47 MB of MiniLM's over a corpus) that would otherwise stay resident; the
     * next batch faults in only the rows it reads. Small calls (queries) keep theirs.
     */
    final void releasePages(int tokensInCall) {
        if (tokensInCall >= RELEASE_PAGES_TOKENS && wordEmbeddings.data().isMapped())
            wordEmbeddings.data().unload();
    }
}
