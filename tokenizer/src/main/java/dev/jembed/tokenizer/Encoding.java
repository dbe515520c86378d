package dev.jembed.tokenizer;

import java.util.Arrays;

/**
 * The result of encoding one text or pair: parallel arrays, one entry per token.
 *
 * <p>Offsets are UTF-16 indices into the Java {@code String} that was encoded (the first text
 * for tokens of the first sequence, the second text for the second), so
 * {@code text.substring(startOffsets[i], endOffsets[i])} is the text a token came from. Hugging
 * Face (and DJL's {@code CharSpan}) count Unicode code points instead; the two agree on text
 * without supplementary characters, and {@link #codePointOffsets} converts. Special tokens added
 * by the post-processor and padding have offsets (0, 0) and sequence id -1.
 *
 * @param ids               token ids
 * @param typeIds           token type (segment) ids
 * @param tokens            token strings
 * @param attentionMask     1 for real tokens, 0 for padding
 * @param specialTokensMask 1 for tokens added by the post-processor and padding
 * @param startOffsets      start of each token in its input text (UTF-16 index)
 * @param endOffsets        end (exclusive) of each token in its input text
 * @param sequenceIds       0 or 1: which input a token came from; -1 for added special tokens and padding
 */
public record Encoding(
        int[] ids,
        int[] typeIds,
        String[] tokens,
        int[] attentionMask,
        int[] specialTokensMask,
        int[] startOffsets,
        int[] endOffsets,
        int[] sequenceIds) {

    /** Number of tokens (padding included). */
    public int length() {
        return ids.length;
    }

    /**
     * The offsets as Unicode code point indices (Hugging Face's unit) given the texts that were
     * encoded ({@code second} may be null for a single text).
     *
     * @return {@code [starts, ends]}
     */
    public int[][] codePointOffsets(String first, String second) {
        int n = ids.length;
        int[] s = new int[n];
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            String t = sequenceIds[i] == 1 ? second : first;
            if (t == null || sequenceIds[i] < 0) {
                s[i] = startOffsets[i];
                e[i] = endOffsets[i];
            } else {
                s[i] = t.codePointCount(0, Math.min(startOffsets[i], t.length()));
                e[i] = t.codePointCount(0, Math.min(endOffsets[i], t.length()));
            }
        }
        return new int[][] {s, e};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding e
                && Arrays.equals(ids, e.ids)
                && Arrays.equals(typeIds, e.typeIds)
                && Arrays.equals(tokens, e.tokens)
                && Arrays.equals(attentionMask, e.attentionMask)
                && Arrays.equals(specialTokensMask, e.specialTokensMask)
                && Arrays.equals(startOffsets, e.startOffsets)
                && Arrays.equals(endOffsets, e.endOffsets)
                && Arrays.equals(sequenceIds, e.sequenceIds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Arrays.hashCode(startOffsets);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Encoding[");
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(tokens[i])
                    .append('=')
                    .append(ids[i])
                    .append('(')
                    .append(startOffsets[i])
                    .append(',')
                    .append(endOffsets[i])
                    .append(')');
        }
        return sb.append(']').toString();
    }
}
