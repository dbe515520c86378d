package dev.jembed.tokenizer.text;

/**
 * What happens to a delimiter when splitting (HF {@code SplitDelimiterBehavior}). With input
 * {@code the-final--countdown} split on {@code -}: REMOVED gives the, final, countdown;
 * ISOLATED the, -, final, -, -, countdown; MERGED_WITH_PREVIOUS the-, final-, -, countdown;
 * MERGED_WITH_NEXT the, -final, -, -countdown; CONTIGUOUS the, -, final, --, countdown.
 */
public enum SplitBehavior {
    REMOVED,
    ISOLATED,
    MERGED_WITH_PREVIOUS,
    MERGED_WITH_NEXT,
    CONTIGUOUS;

    /** Parses the tokenizer.json spelling ("Removed", "Isolated", ...), or null when unknown. */
    public static SplitBehavior fromJson(String s) {
        return switch (s) {
            case "Removed" -> REMOVED;
            case "Isolated" -> ISOLATED;
            case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
            case "MergedWithNext" -> MERGED_WITH_NEXT;
            case "Contiguous" -> CONTIGUOUS;
            default -> null;
        };
    }
}
