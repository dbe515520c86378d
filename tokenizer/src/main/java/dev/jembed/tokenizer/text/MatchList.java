package dev.jembed.tokenizer.text;

import java.util.Arrays;

/** Growable list of (start, end, isMatch) triples in the {@link Pattern} result format. */
public final class MatchList {
    private int[] a;
    private int count;

    /** The matches of an empty text: one empty non-match, as in HF. */
    static final int[] EMPTY_TEXT = {1, 0, 0, 0};

    public MatchList(int capacity) {
        a = new int[1 + 3 * Math.max(1, capacity)];
    }

    public void add(int start, int end, boolean isMatch) {
        int p = 1 + 3 * count;
        if (p + 3 > a.length) {
            a = Arrays.copyOf(a, a.length * 2 + 3);
        }
        a[p] = start;
        a[p + 1] = end;
        a[p + 2] = isMatch ? 1 : 0;
        count++;
    }

    public int[] toArray() {
        a[0] = count;
        return a;
    }
}
