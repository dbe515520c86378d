package dev.jembed.tokenizer.processor;

import dev.jembed.tokenizer.text.Chars;

import java.util.List;

/**
 * The byte-level post-processor: optionally trims the offsets of tokens so that they exclude
 * the leading/trailing spaces the tokens carry ({@code Ġ}), then concatenates.
 */
public record ByteLevelProcessing(boolean trimOffsets, boolean addPrefixSpace) implements PostProcessor {
    private static final char SPACE = '\u0120';

    @Override
    public int addedTokens(boolean isPair) {
        return 0;
    }

    @Override
    public List<RawEncoding> process(List<RawEncoding> encodings, boolean addSpecialTokens) {
        if (trimOffsets) {
            for (RawEncoding e : encodings) {
                trimOffsets(e, addPrefixSpace);
            }
        }
        return encodings;
    }

    /**
     * HF's {@code process_offsets}. HF counts the spaces in characters and shifts its character
     * offsets by that count; the spaces are BMP characters, so the same count of UTF-16 units
     * is the same shift.
     */
    static void trimOffsets(RawEncoding e, boolean addPrefixSpace) {
        for (int i = 0; i < e.size; i++) {
            String token = e.tokens[i];
            int leading = 0;
            for (int k = 0; k < token.length(); ) {
                int cp = token.codePointAt(k);
                if (cp != SPACE && !Chars.isWhitespace(cp)) {
                    break;
                }
                leading++;
                k += Character.charCount(cp);
            }
            int trailing = 0;
            for (int k = token.length(); k > 0; ) {
                int cp = token.codePointBefore(k);
                if (cp != SPACE && !Chars.isWhitespace(cp)) {
                    break;
                }
                trailing++;
                k -= Character.charCount(cp);
            }
            if (leading == 0 && trailing == 0) {
                continue;
            }
            if (leading > 0) {
                boolean isFirst = i == 0 || e.starts[i] == 0;
                if (isFirst && addPrefixSpace && leading == 1) {
                    leading = 0;
                }
                e.starts[i] = Math.min(e.starts[i] + leading, e.ends[i]);
            }
            if (trailing > 0 && e.ends[i] >= trailing) {
                e.ends[i] = Math.max(e.ends[i] - trailing, e.starts[i]);
            }
        }
    }
}
