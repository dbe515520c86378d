package dev.jembed.engine.model;

import dev.jembed.engine.config.EncoderConfig;

/**
 * Hugging Face {@code RobertaEmbeddings}: BERT's tables and arithmetic, with positions numbered from
 * the padding index as {@code create_position_ids_from_input_ids} does: a non-pad token's position
 * is {@code padding_idx + 1 + (non-pad tokens before it)}, a pad token's is {@code padding_idx}. The
 * usable length is therefore {@code max_position_embeddings - padding_idx - 1}.
 */
final class RobertaEmbeddings extends BertEmbeddings {
    private final int paddingIdx;

    private RobertaEmbeddings(BertEmbeddings tables, int paddingIdx) {
        super(tables.wordEmbeddings, tables.tokenTypeEmbeddings, tables.positionEmbeddings, tables.layerNorm);
        this.paddingIdx = paddingIdx;
    }

    /** The tensors of {@link BertEmbeddings#load}; {@code padding_idx} is config.json's {@code pad_token_id}. */
    static RobertaEmbeddings load(WeightPath p, EncoderConfig config) {
        return new RobertaEmbeddings(BertEmbeddings.load(p, config), config.padTokenId());
    }

    @Override
    void positionIds(int[] ids, int[] out, int off) {
        createPositionIds(ids, paddingIdx, out, off);
    }

    /** Hugging Face's {@code create_position_ids_from_input_ids} for one sequence. */
    static void createPositionIds(int[] ids, int paddingIdx, int[] out, int off) {
        int running = 0;
        for (int i = 0; i < ids.length; i++) {
            out[off + i] = ids[i] == paddingIdx ? paddingIdx : paddingIdx + 1 + running++;
        }
    }
}
