package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.PreTokenizedString;
import java.util.List;

/** Applies pre-tokenizers in order. */
public record PreTokenizerSequence(List<PreTokenizer> preTokenizers) implements PreTokenizer {
    public PreTokenizerSequence {
        preTokenizers = List.copyOf(preTokenizers);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        for (PreTokenizer p : preTokenizers) {
            p.preTokenize(text);
        }
    }

    @Override
    public boolean cutSafe() {
        return !preTokenizers.isEmpty() && preTokenizers.stream().allMatch(PreTokenizer::cutSafe);
    }
}
