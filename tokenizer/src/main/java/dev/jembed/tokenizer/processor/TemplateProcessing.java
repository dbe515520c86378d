package dev.jembed.tokenizer.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Template post-processor: the single and pair templates list pieces, either a sequence (A or
 * B) or a special token, each with a type id; e.g. {@code [CLS]:0 $A:0 [SEP]:0}.
 */
public record TemplateProcessing(List<Piece> single, List<Piece> pair, Map<String, SpecialToken> specialTokens)
        implements PostProcessor {

    /** One template element: {@code sequence} is 0 (A) or 1 (B), or -1 for a special token named {@code id}. */
    public record Piece(int sequence, String id, int typeId) {}

    /** A special token of the template: it may stand for several ids. */
    public record SpecialToken(String id, int[] ids, String[] tokens) {}

    public TemplateProcessing {
        single = List.copyOf(single);
        pair = List.copyOf(pair);
        specialTokens = Map.copyOf(specialTokens);
    }

    @Override
    public int addedTokens(boolean isPair) {
        int n = 0;
        for (Piece p : isPair ? pair : single) {
            if (p.sequence < 0) {
                n += specialTokens.get(p.id).ids.length;
            }
        }
        return n;
    }

    @Override
    public List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens) {
        List<Piece> template = encodings.size() == 2 ? pair : single;
        List<RawEncoding> out = new ArrayList<>(template.size());
        for (Piece p : template) {
            if (p.sequence >= 0) {
                RawEncoding e = encodings.get(p.sequence);
                e.setTypeIds(p.typeId);
                e.setSequence(p.sequence);
                out.add(e);
            } else if (addSpecialTokens) {
                SpecialToken t = specialTokens.get(p.id);
                RawEncoding e = new RawEncoding(t.ids.length);
                for (int i = 0; i < t.ids.length; i++) {
                    e.addSpecial(t.ids[i], t.tokens[i], p.typeId);
                }
                out.add(e);
            }
        }
        return out;
    }
}
