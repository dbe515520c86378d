package dev.jembed.tokenizer;

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
}
