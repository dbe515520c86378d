package dev.jembed.tokenizer.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The input being cut into words (HF {@code PreTokenizedString}): a list of splits, each a
 * {@link NormalizedString} of the original text; splits that already carry tokens (added
 * tokens) are left alone by later steps, and empty splits are dropped after every split step.
 */
public final class PreTokenizedString {
    /** Cuts one split into pieces, appending them to {@code out} (empty ones are dropped). */
    @FunctionalInterface
    public interface Splitter {
        void split(NormalizedString piece, List<NormalizedString> out);
    }

    @FunctionalInterface
    public interface Transform {
        void apply(NormalizedString piece);
    }

    private List<Split> splits;
    private final List<NormalizedString> scratch = new ArrayList<>();

    public PreTokenizedString(NormalizedString whole) {
        splits = new ArrayList<>(4);
        splits.add(new Split(whole, null));
    }

    public List<Split> splits() {
        return splits;
    }

    public void split(Splitter fn) {
        List<Split> next = new ArrayList<>(splits.size() * 4 + 4);
        for (Split s : splits) {
            if (s.tokens != null) {
                next.add(s);
                continue;
            }
            scratch.clear();
            fn.split(s.normalized, scratch);
            for (NormalizedString n : scratch) {
                if (!n.isEmpty()) {
                    next.add(new Split(n, null));
                }
            }
        }
        scratch.clear();
        splits = next;
    }

    /** Adds already-built splits (with or without tokens) in place of the current ones. */
    public void replaceSplits(List<Split> next) {
        List<Split> kept = new ArrayList<>(next.size());
        for (Split s : next) {
            if (!s.normalized.isEmpty()) {
                kept.add(s);
            }
        }
        splits = kept;
    }

    public void normalize(Transform fn) {
        for (Split s : splits) {
            if (s.tokens == null) {
                fn.apply(s.normalized);
            }
        }
    }
}
