package dev.jembed.tokenizer.model;

import dev.jembed.tokenizer.TokenizationException;
import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.TokenList;

/**
 * WordPiece: greedy longest-match-first over the vocabulary, non-initial pieces carrying the
 * continuing-subword prefix ({@code ##}). A word longer than {@code maxInputCharsPerWord}
 * characters, or one that cannot be covered, becomes a single unknown token.
 */
public final class WordPiece implements Model {
    private final Vocab vocab;
    private final String unkToken;
    private final String prefix;
    private final int maxInputCharsPerWord;

    public WordPiece(Vocab vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.prefix = continuingSubwordPrefix;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    @Override
    public Vocab vocab() {
        return vocab;
    }

    @Override
    public void tokenize(NormalizedString word, TokenList out) {
        char[] buf = word.buffer();
        int len = word.length();
        if (len > maxInputCharsPerWord && Character.codePointCount(buf, 0, len) > maxInputCharsPerWord) {
            addUnk(out, len, word);
            return;
        }
        int mark = out.size;
        int start = 0;
        while (start < len) {
            int end = len;
            int id = -1;
            while (start < end) {
                id = vocab.get(start > 0 ? prefix : "", buf, start, end - start);
                if (id >= 0) {
                    break;
                }
                end -= end - 1 > start
                                && Character.isLowSurrogate(buf[end - 1])
                                && Character.isHighSurrogate(buf[end - 2])
                        ? 2
                        : 1;
            }
            if (id < 0) {
                out.size = mark;
                addUnk(out, len, word);
                return;
            }
            out.add(id, vocab.token(id), start, end);
            start = end;
        }
    }

    private void addUnk(TokenList out, int len, NormalizedString word) {
        int id = vocab.get(unkToken);
        if (id < 0) {
            throw new TokenizationException(
                    "WordPiece: '" + word.text() + "' is not in the vocabulary and the unknown token '" + unkToken
                            + "' is not in the vocabulary either");
        }
        out.add(id, unkToken, 0, len);
    }
}
