package dev.jembed.tokenizer.text;

import java.util.Arrays;

/**
 * Tokens produced for one split: ids, token strings and offsets in the split's normalized
 * UTF-16 units (HF reports UTF-8 byte offsets; every model here only cuts at character
 * boundaries, or gives all byte-pieces of one character that character's range).
 */
public final class TokenList {
    public int[] ids;
    public String[] values;
    public int[] starts;
    public int[] ends;
    public int size;

    public TokenList(int capacity) {
        int c = Math.max(1, capacity);
        ids = new int[c];
        values = new String[c];
        starts = new int[c];
        ends = new int[c];
    }

    public void add(int id, String value, int start, int end) {
        if (size == ids.length) {
            int c = size * 2;
            ids = Arrays.copyOf(ids, c);
            values = Arrays.copyOf(values, c);
            starts = Arrays.copyOf(starts, c);
            ends = Arrays.copyOf(ends, c);
        }
        ids[size] = id;
        values[size] = value;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    public void clear() {
        size = 0;
    }
}
