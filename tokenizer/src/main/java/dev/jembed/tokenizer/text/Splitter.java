package dev.jembed.tokenizer.text;

import java.util.List;

/**
 * Hugging Face's {@code NormalizedString::split}: cuts a string at a pattern's matches and keeps,
 * drops or merges the matched pieces as a {@link SplitBehavior} says. Empty pieces are dropped.
 */
final class Splitter {
    private Splitter() {}

    /** Splits {@code n} on a match list in {@link Pattern}'s format ({@code [count, (start, end, isMatch)...]}). */
    static void split(NormalizedString n, int[] m, SplitBehavior behavior, List<NormalizedString> out) {
        int count = m[0];
        switch (behavior) {
            case REMOVED -> {
                for (int k = 0; k < count; k++) {
                    if (m[1 + 3 * k + 2] == 0) {
                        add(n, out, m[1 + 3 * k], m[1 + 3 * k + 1]);
                    }
                }
            }
            case ISOLATED -> {
                for (int k = 0; k < count; k++) {
                    add(n, out, m[1 + 3 * k], m[1 + 3 * k + 1]);
                }
            }
            case CONTIGUOUS -> mergeForward(n, m, count, true, out);
            case MERGED_WITH_PREVIOUS -> mergeForward(n, m, count, false, out);
            case MERGED_WITH_NEXT -> {
                // HF folds from the right
                int[] ss = new int[count];
                int[] ee = new int[count];
                int pieces = 0;
                boolean prev = false;
                for (int k = count - 1; k >= 0; k--) {
                    int s = m[1 + 3 * k];
                    int e = m[1 + 3 * k + 1];
                    boolean isMatch = m[1 + 3 * k + 2] != 0;
                    if (isMatch && !prev && pieces > 0) {
                        ss[pieces - 1] = s;
                    } else {
                        ss[pieces] = s;
                        ee[pieces] = e;
                        pieces++;
                    }
                    prev = isMatch;
                }
                for (int k = pieces - 1; k >= 0; k--) {
                    add(n, out, ss[k], ee[k]);
                }
            }
        }
    }

    /**
     * Joins pieces left to right: {@code contiguous} joins neighbours that are both matches or both
     * not (HF's {@code Contiguous}); otherwise a match joins the piece before it
     * ({@code MergedWithPrevious}).
     */
    private static void mergeForward(
            NormalizedString n, int[] m, int count, boolean contiguous, List<NormalizedString> out) {
        boolean prev = false;
        int curS = -1;
        int curE = -1;
        for (int k = 0; k < count; k++) {
            int s = m[1 + 3 * k];
            int e = m[1 + 3 * k + 1];
            boolean isMatch = m[1 + 3 * k + 2] != 0;
            boolean join = curS >= 0 && (contiguous ? isMatch == prev : isMatch && !prev);
            if (join) {
                curE = e;
            } else {
                if (curS >= 0) {
                    add(n, out, curS, curE);
                }
                curS = s;
                curE = e;
            }
            prev = isMatch;
        }
        if (curS >= 0) {
            add(n, out, curS, curE);
        }
    }

    private static void add(NormalizedString n, List<NormalizedString> out, int s, int e) {
        if (e > s) {
            out.add(n.slice(s, e));
        }
    }
}
