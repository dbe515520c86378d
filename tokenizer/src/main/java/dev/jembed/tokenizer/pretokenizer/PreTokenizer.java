package dev.jembed.tokenizer.pretokenizer;

import dev.jembed.tokenizer.text.PreTokenizedString;

/** A tokenizer.json {@code pre_tokenizer}: cuts the normalized text into words. */
public interface PreTokenizer {
    void preTokenize(PreTokenizedString text);
}
