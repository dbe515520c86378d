package dev.jembed.tokenizer.model;

import dev.jembed.tokenizer.TokenizationException;
import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.TokenList;

/** Whole-word lookup: a word is one token, or the unknown token. */
public final class WordLevel implements Model {
    private final Vocab vocab;
    private final String unkToken;

    public WordLevel(Vocab vocab, String unkToken) {
        this.vocab = vocab;
        this.unkToken = unkToken;
    }

    @Override
    public void tokenize(NormalizedString word, TokenList out) {
        int len = word.length();
        int id = vocab.get("", word.buffer(), 0, len);
        if (id >= 0) {
            out.add(id, vocab.token(id), 0, len);
            return;
        }
        int unk = unkToken == null ? -1 : vocab.get(unkToken);
        if (unk < 0) {
            throw new TokenizationException(
                    "WordLevel: '" + word.text() + "' is not in the vocabulary and there is no usable unknown token");
        }
        out.add(unk, unkToken, 0, len);
    }

    @Override
    public Vocab vocab() {
        return vocab;
    }
}
