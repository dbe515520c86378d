package dev.jembed.tokenizer.processor;

import java.util.Arrays;

/**
 * Mutable token arrays while one input is being encoded, truncated, post-processed and padded.
 * Offsets are UTF-16 indices into the input text of the token's sequence; {@code seq} is the
 * sequence a token came from (0 or 1) or -1 for tokens added by a post-processor or padding.
 */
public final class RawEncoding {
    public int[] ids;
    public int[] typeIds;
    public String[] tokens;
    public int[] starts;
    public int[] ends;
    public int[] special;
    public int[] attention;
    public int[] seq;
    public int size;
    /** The input texts of sequences 0 and 1 (offsets index them); null when absent. */
    public String text0;

    public String text1;

    public RawEncoding(int capacity) {
        int c = Math.max(4, capacity);
        ids = new int[c];
        typeIds = new int[c];
        tokens = new String[c];
        starts = new int[c];
        ends = new int[c];
        special = new int[c];
        attention = new int[c];
        seq = new int[c];
    }

    private void ensure(int n) {
        if (n <= ids.length) {
            return;
        }
        int c = Math.max(n, ids.length * 2);
        ids = Arrays.copyOf(ids, c);
        typeIds = Arrays.copyOf(typeIds, c);
        tokens = Arrays.copyOf(tokens, c);
        starts = Arrays.copyOf(starts, c);
        ends = Arrays.copyOf(ends, c);
        special = Arrays.copyOf(special, c);
        attention = Arrays.copyOf(attention, c);
        seq = Arrays.copyOf(seq, c);
    }

    public void add(
            int id, int typeId, String token, int start, int end, int specialMask, int attentionMask, int seqId) {
        ensure(size + 1);
        ids[size] = id;
        typeIds[size] = typeId;
        tokens[size] = token;
        starts[size] = start;
        ends[size] = end;
        special[size] = specialMask;
        attention[size] = attentionMask;
        seq[size] = seqId;
        size++;
    }

    /**
     * {@code cls A sep} for the first sequence of BERT-style processors: a new encoding with room
     * for {@code extra} more tokens (the pair's), A's type ids and sequence ids set to 0.
     */
    static RawEncoding clsSepWrapped(RawEncoding a, int extra, int clsId, String cls, int sepId, String sep) {
        RawEncoding out = new RawEncoding(a.size + 2 + extra);
        out.addSpecial(clsId, cls, 0);
        a.setTypeIds(0);
        a.setSequence(0);
        out.append(a);
        out.addSpecial(sepId, sep, 0);
        return out;
    }

    /** A token added by a post-processor: offsets (0, 0), special, no sequence. */
    public void addSpecial(int id, String token, int typeId) {
        add(id, typeId, token, 0, 0, 1, 1, -1);
    }

    /** The text a token's offsets index. */
    public String textOf(int token) {
        return seq[token] == 1 ? text1 : text0;
    }

    /** Appends all tokens of {@code other} (HF {@code merge_with} without growing offsets). */
    public void append(RawEncoding other) {
        if (other.text0 != null) {
            text0 = other.text0;
        }
        if (other.text1 != null) {
            text1 = other.text1;
        }
        ensure(size + other.size);
        int n = other.size;
        System.arraycopy(other.ids, 0, ids, size, n);
        System.arraycopy(other.typeIds, 0, typeIds, size, n);
        System.arraycopy(other.tokens, 0, tokens, size, n);
        System.arraycopy(other.starts, 0, starts, size, n);
        System.arraycopy(other.ends, 0, ends, size, n);
        System.arraycopy(other.special, 0, special, size, n);
        System.arraycopy(other.attention, 0, attention, size, n);
        System.arraycopy(other.seq, 0, seq, size, n);
        size += n;
    }

    public void setTypeIds(int typeId) {
        Arrays.fill(typeIds, 0, size, typeId);
    }

    public void setSequence(int seqId) {
        Arrays.fill(seq, 0, size, seqId);
    }

    /** Keeps {@code max} tokens: the first ones, or the last ones when {@code fromLeft}. */
    public void truncate(int max, boolean fromLeft) {
        if (max >= size) {
            return;
        }
        if (fromLeft) {
            int drop = size - max;
            System.arraycopy(ids, drop, ids, 0, max);
            System.arraycopy(typeIds, drop, typeIds, 0, max);
            System.arraycopy(tokens, drop, tokens, 0, max);
            System.arraycopy(starts, drop, starts, 0, max);
            System.arraycopy(ends, drop, ends, 0, max);
            System.arraycopy(special, drop, special, 0, max);
            System.arraycopy(attention, drop, attention, 0, max);
            System.arraycopy(seq, drop, seq, 0, max);
        }
        Arrays.fill(tokens, max, size, null);
        size = max;
    }

    /** Pads to {@code target} tokens (HF {@code Encoding::pad}). */
    public void pad(int target, int padId, int padTypeId, String padToken, boolean left) {
        if (size >= target) {
            return;
        }
        int n = target - size;
        ensure(target);
        if (left) {
            System.arraycopy(ids, 0, ids, n, size);
            System.arraycopy(typeIds, 0, typeIds, n, size);
            System.arraycopy(tokens, 0, tokens, n, size);
            System.arraycopy(starts, 0, starts, n, size);
            System.arraycopy(ends, 0, ends, n, size);
            System.arraycopy(special, 0, special, n, size);
            System.arraycopy(attention, 0, attention, n, size);
            System.arraycopy(seq, 0, seq, n, size);
            fillPad(0, n, padId, padTypeId, padToken);
        } else {
            fillPad(size, target, padId, padTypeId, padToken);
        }
        size = target;
    }

    private void fillPad(int from, int to, int padId, int padTypeId, String padToken) {
        Arrays.fill(ids, from, to, padId);
        Arrays.fill(typeIds, from, to, padTypeId);
        Arrays.fill(tokens, from, to, padToken);
        Arrays.fill(starts, from, to, 0);
        Arrays.fill(ends, from, to, 0);
        Arrays.fill(special, from, to, 1);
        Arrays.fill(attention, from, to, 0);
        Arrays.fill(seq, from, to, -1);
    }
}
