package dev.jembed.tokenizer;

import dev.jembed.tokenizer.processor.RawEncoding;

/**
 * Truncation settings: the maximum length counts the special tokens the post-processor adds,
 * as in HF. {@code fromLeft} drops tokens at the start instead of the end.
 *
 * @param maxLength maximum number of tokens, special tokens included
 * @param strategy  which sequence to truncate
 * @param fromLeft  truncate at the start (HF direction "Left")
 */
public record Truncation(int maxLength, TruncationStrategy strategy, boolean fromLeft) {
    public Truncation {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
        }
        java.util.Objects.requireNonNull(strategy, "strategy");
    }

    /**
     * Cuts {@code a} (and {@code b}) to {@code max} tokens in all, as Hugging Face's {@code truncate_encodings}
     * does for this strategy and direction.
     */
    void apply(RawEncoding a, RawEncoding b, int max) {
        boolean left = fromLeft;
        if (max == 0) {
            a.truncate(0, left);
            if (b != null) {
                b.truncate(0, left);
            }
            return;
        }
        int total = a.size + (b == null ? 0 : b.size);
        if (total <= max) {
            return;
        }
        int toRemove = total - max;
        switch (strategy) {
            case LONGEST_FIRST -> {
                if (b == null) {
                    a.truncate(total - toRemove, left);
                    return;
                }
                int n1 = a.size;
                int n2 = b.size;
                boolean swap = n1 > n2;
                if (swap) {
                    int t = n1;
                    n1 = n2;
                    n2 = t;
                }
                if (n1 > max) {
                    n2 = n1;
                } else {
                    n2 = Math.max(n1, max - n1);
                }
                if (n1 + n2 > max) {
                    n1 = max / 2;
                    n2 = n1 + max % 2;
                }
                if (swap) {
                    int t = n1;
                    n1 = n2;
                    n2 = t;
                }
                a.truncate(n1, left);
                b.truncate(n2, left);
            }
            case ONLY_FIRST, ONLY_SECOND -> {
                RawEncoding target = strategy == TruncationStrategy.ONLY_FIRST ? a : b;
                if (target == null) {
                    throw new TokenizationException("truncation strategy only_second needs a second sequence");
                }
                if (target.size > toRemove) {
                    target.truncate(target.size - toRemove, left);
                } else {
                    throw new TokenizationException("truncation: the sequence to truncate has " + target.size
                            + " tokens, fewer than the " + toRemove + " to remove");
                }
            }
        }
    }
}
