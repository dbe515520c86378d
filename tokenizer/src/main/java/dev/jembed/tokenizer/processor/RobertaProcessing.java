package dev.jembed.tokenizer.processor;

import java.util.List;

/**
 * RoBERTa's post-processor: {@code <s> A </s>} and {@code <s> A </s></s> B </s>}, with the
 * byte-level offset trimming of leading/trailing spaces when {@code trimOffsets}.
 */
public record RobertaProcessing(
        String sep, int sepId, String cls, int clsId, boolean trimOffsets, boolean addPrefixSpace)
        implements PostProcessor {
    @Override
    public int addedTokens(boolean isPair) {
        return isPair ? 4 : 2;
    }

    @Override
    public List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens) {
        if (trimOffsets) {
            for (RawEncoding e : encodings) {
                ByteLevelProcessing.trimOffsets(e, addPrefixSpace);
            }
        }
        if (!addSpecialTokens) {
            // HF gives RoBERTa inputs type id 0 throughout, with or without special tokens
            for (RawEncoding e : encodings) {
                e.setTypeIds(0);
            }
            return encodings;
        }
        RawEncoding out = RawEncoding.clsSepWrapped(encodings.get(0), 2, clsId, cls, sepId, sep);
        if (encodings.size() == 2) {
            RawEncoding b = encodings.get(1);
            out.addSpecial(sepId, sep, 0);
            b.setTypeIds(0);
            b.setSequence(1);
            out.append(b);
            out.addSpecial(sepId, sep, 0);
        }
        return List.of(out);
    }
}
