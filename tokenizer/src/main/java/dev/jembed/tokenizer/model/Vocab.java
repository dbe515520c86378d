package dev.jembed.tokenizer.model;

/**
 * String to id map that can be probed with a slice of a char array (and an optional prefix)
 * without building a String: open addressing on {@link String#hashCode()}-compatible hashes.
 * Also keeps the id to string table.
 */
public final class Vocab {
    private final String[] keys;
    private final int[] hashes;
    private final int[] values;
    private final int mask;
    private final String[] byId;
    private final int size;

    /** @param tokens entries; {@code ids[i]} is the id of {@code tokens[i]} (later duplicates win) */
    public Vocab(String[] tokens, int[] ids) {
        int cap = Integer.highestOneBit(Math.max(4, tokens.length * 2)) << 1;
        keys = new String[cap];
        hashes = new int[cap];
        values = new int[cap];
        mask = cap - 1;
        int maxId = -1;
        for (int id : ids) {
            maxId = Math.max(maxId, id);
        }
        byId = new String[maxId + 1];
        int n = 0;
        for (int i = 0; i < tokens.length; i++) {
            String k = tokens[i];
            int h = k.hashCode();
            int slot = mix(h) & mask;
            while (keys[slot] != null && !(hashes[slot] == h && keys[slot].equals(k))) {
                slot = (slot + 1) & mask;
            }
            if (keys[slot] == null) {
                n++;
            }
            keys[slot] = k;
            hashes[slot] = h;
            values[slot] = ids[i];
            byId[ids[i]] = k;
        }
        size = n;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /** Number of distinct strings. */
    public int size() {
        return size;
    }

    public int get(String k) {
        int h = k.hashCode();
        int slot = mix(h) & mask;
        while (keys[slot] != null) {
            if (hashes[slot] == h && keys[slot].equals(k)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Id of {@code prefix + buf[off, off+len)}, or -1. {@code prefix} may be empty. */
    public int get(String prefix, char[] buf, int off, int len) {
        return get(prefix, buf, off, len, "");
    }

    /** Id of {@code prefix + buf[off, off+len) + suffix}, or -1. */
    public int get(String prefix, char[] buf, int off, int len, String suffix) {
        int h = 0;
        int pl = prefix.length();
        int sl = suffix.length();
        for (int i = 0; i < pl; i++) {
            h = 31 * h + prefix.charAt(i);
        }
        for (int i = 0; i < len; i++) {
            h = 31 * h + buf[off + i];
        }
        for (int i = 0; i < sl; i++) {
            h = 31 * h + suffix.charAt(i);
        }
        int total = pl + len + sl;
        int slot = mix(h) & mask;
        outer:
        while (keys[slot] != null) {
            if (hashes[slot] == h) {
                String k = keys[slot];
                if (k.length() == total) {
                    for (int i = 0; i < pl; i++) {
                        if (k.charAt(i) != prefix.charAt(i)) {
                            slot = (slot + 1) & mask;
                            continue outer;
                        }
                    }
                    for (int i = 0; i < len; i++) {
                        if (k.charAt(pl + i) != buf[off + i]) {
                            slot = (slot + 1) & mask;
                            continue outer;
                        }
                    }
                    for (int i = 0; i < sl; i++) {
                        if (k.charAt(pl + len + i) != suffix.charAt(i)) {
                            slot = (slot + 1) & mask;
                            continue outer;
                        }
                    }
                    return values[slot];
                }
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** The string of an id, or null. */
    public String token(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /** One more than the largest id. */
    public int idLimit() {
        return byId.length;
    }

    @Override
    public String toString() {
        return "Vocab[" + size + " entries, ids < " + byId.length + "]";
    }
}
