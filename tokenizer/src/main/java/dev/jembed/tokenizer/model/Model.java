package dev.jembed.tokenizer.model;

import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.TokenList;

/** A tokenizer.json {@code model}: turns one pre-tokenized word into tokens. */
public interface Model {
    /**
     * Appends the tokens of {@code word} to {@code out}, offsets in the word's UTF-16 units.
     *
     * @throws dev.jembed.tokenizer.TokenizationException when a piece is unknown and the model has no unknown token
     */
    void tokenize(NormalizedString word, TokenList out);

    /** The model's vocabulary. */
    Vocab vocab();

    /** Id of a vocabulary entry, or -1. */
    default int tokenToId(String token) {
        return vocab().get(token);
    }

    /** Vocabulary entry of an id, or null. */
    default String idToToken(int id) {
        return vocab().token(id);
    }

    /** Number of entries (HF {@code get_vocab_size} of the model). */
    default int vocabSize() {
        return vocab().size();
    }

    /** One more than the largest id. */
    default int idLimit() {
        return vocab().idLimit();
    }
}
