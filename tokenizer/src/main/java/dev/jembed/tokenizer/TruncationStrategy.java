package dev.jembed.tokenizer;

/**
 * Which sequence loses tokens when an input is longer than the maximum length (HF
 * {@code TruncationStrategy}). LONGEST_FIRST takes from the longer of a pair (splitting the
 * budget evenly when both are long); ONLY_FIRST and ONLY_SECOND take from one sequence and fail
 * with {@link TokenizationException} when that is not enough.
 */
public enum TruncationStrategy {
    LONGEST_FIRST,
    ONLY_FIRST,
    ONLY_SECOND
}
