package dev.jembed.tokenizer.processor;

import java.util.List;

/** BERT's post-processor: {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]}, B with type id 1. */
public record BertProcessing(String sep, int sepId, String cls, int clsId) implements PostProcessor {
    @Override
    public int addedTokens(boolean isPair) {
        return isPair ? 3 : 2;
    }

    @Override
    public List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens) {
        if (!addSpecialTokens) {
            return encodings;
        }
        RawEncoding out = RawEncoding.clsSepWrapped(encodings.get(0), 1, clsId, cls, sepId, sep);
        if (encodings.size() == 2) {
            RawEncoding b = encodings.get(1);
            b.setTypeIds(1);
            b.setSequence(1);
            out.append(b);
            out.addSpecial(sepId, sep, 1);
        }
        return List.of(out);
    }
}
