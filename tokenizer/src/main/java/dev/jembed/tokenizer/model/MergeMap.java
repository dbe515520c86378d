package dev.jembed.tokenizer.model;

/** Open-addressing map from an id pair to its merge rank (the rank also indexes the merged id). */
final class MergeMap {
    private final long[] keys;
    private final int[] ranks;
    private final int mask;

    MergeMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2)) << 1;
        keys = new long[cap];
        ranks = new int[cap];
        mask = cap - 1;
        java.util.Arrays.fill(keys, -1L);
    }

    private static int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 33);
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** Sets the rank of a pair (a later merge of the same pair replaces an earlier one, as in HF). */
    void put(int a, int b, int rank) {
        long k = key(a, b);
        int s = slot(k) & mask;
        while (keys[s] != -1L && keys[s] != k) {
            s = (s + 1) & mask;
        }
        keys[s] = k;
        ranks[s] = rank;
    }

    /** Rank of the pair, or -1. */
    int get(int a, int b) {
        long k = key(a, b);
        int s = slot(k) & mask;
        while (true) {
            long v = keys[s];
            if (v == k) {
                return ranks[s];
            }
            if (v == -1L) {
                return -1;
            }
            s = (s + 1) & mask;
        }
    }
}
