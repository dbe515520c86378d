package dev.jembed.tokenizer.model;

import dev.jembed.tokenizer.TokenizationException;
import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.TokenList;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding as HF's {@code BPE} model: a word starts as one symbol per character (with
 * the continuing-subword prefix on non-initial and the end-of-word suffix on the final one,
 * unknown characters becoming byte-fallback tokens or the unknown token, fused when
 * {@code fuseUnk}), then the lowest-ranked adjacent pair is merged until none is left. A binary
 * heap of (rank, position) and a linked list of symbols make this O(n log n) per word, with HF's
 * exact tie-breaking (lowest rank, then leftmost) and stale-entry test. Results are cached per
 * word (up to 10,000 words shorter than 256 characters, as HF).
 */
public final class Bpe implements Model {
    private static final int CACHE_CAPACITY = 10_000;
    private static final int CACHE_MAX_WORD = 256;

    private final Vocab vocab;
    private final MergeMap merges;
    private final int[] mergeResult;
    private final String unkToken;
    private final String prefix;
    private final String suffix;
    private final boolean fuseUnk;
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final int[] byteTokenIds = new int[256];
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param mergeA  left ids of the merges, in rank order
     * @param mergeB  right ids
     * @param mergeTo merged ids
     */
    public Bpe(
            Vocab vocab,
            int[] mergeA,
            int[] mergeB,
            int[] mergeTo,
            String unkToken,
            String continuingSubwordPrefix,
            String endOfWordSuffix,
            boolean fuseUnk,
            boolean byteFallback,
            boolean ignoreMerges) {
        this.vocab = vocab;
        this.merges = new MergeMap(mergeA.length);
        for (int i = 0; i < mergeA.length; i++) {
            merges.put(mergeA[i], mergeB[i], i);
        }
        this.mergeResult = mergeTo.clone();
        this.unkToken = unkToken;
        this.prefix = continuingSubwordPrefix == null ? "" : continuingSubwordPrefix;
        this.suffix = endOfWordSuffix == null ? "" : endOfWordSuffix;
        this.fuseUnk = fuseUnk;
        this.byteFallback = byteFallback;
        this.ignoreMerges = ignoreMerges;
        for (int b = 0; b < 256; b++) {
            byteTokenIds[b] = vocab.get(String.format("<0x%02X>", b));
        }
    }

    @Override
    public void tokenize(NormalizedString word, TokenList out) {
        int len = word.length();
        if (len == 0) {
            return;
        }
        char[] buf = word.buffer();
        if (ignoreMerges) {
            int id = vocab.get("", buf, 0, len);
            if (id >= 0) {
                out.add(id, vocab.token(id), 0, len);
                return;
            }
        }
        String key = null;
        if (len < CACHE_MAX_WORD) {
            key = new String(buf, 0, len);
            int[] hit = cache.get(key);
            if (hit != null) {
                emit(hit, out);
                return;
            }
        }
        int[] result = merge(word);
        if (key != null && cache.size() < CACHE_CAPACITY) {
            cache.putIfAbsent(key, result);
        }
        emit(result, out);
    }

    private void emit(int[] r, TokenList out) {
        for (int i = 0; i < r.length; i += 3) {
            out.add(r[i], vocab.token(r[i]), r[i + 1], r[i + 2]);
        }
    }

    /**
     * Merges one word; returns (id, start, end) triples in word UTF-16 units. Like HF, symbols
     * are measured in UTF-8 bytes and offsets are their running sums: a byte-fallback piece
     * counts one byte even when it stands for a prefix or suffix byte, which can push offsets past
     * the word; such offsets are returned raw, as byte offsets encoded {@code -1 - b}, and the
     * tokenizer reads them the way HF does (relative to the sequence start).
     */
    private int[] merge(NormalizedString word) {
        char[] buf = word.buffer();
        int len = word.length();
        Symbols w = new Symbols(len + 4);
        int unkId = -1;
        int unkLen = 0;
        boolean hasUnk = false;
        for (int i = 0; i < len; ) {
            int n = Character.isHighSurrogate(buf[i]) && i + 1 < len && Character.isLowSurrogate(buf[i + 1]) ? 2 : 1;
            int bytes = dev.jembed.tokenizer.text.Chars.utf8Length(Character.codePointAt(buf, i, len));
            boolean first = i == 0;
            boolean last = i + n == len;
            int id = vocab.get(first ? "" : prefix, buf, i, n, last ? suffix : "");
            if (id >= 0) {
                if (hasUnk) {
                    w.add(unkId, unkLen);
                    hasUnk = false;
                }
                w.add(id, bytes);
                i += n;
                continue;
            }
            if (byteFallback) {
                byte[] pieces = ((first ? "" : prefix) + new String(buf, i, n) + (last ? suffix : ""))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                boolean all = true;
                for (byte b : pieces) {
                    if (byteTokenIds[b & 0xFF] < 0) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    // HF adds these without first flushing a pending unknown token
                    for (byte b : pieces) {
                        w.add(byteTokenIds[b & 0xFF], 1);
                    }
                    i += n;
                    continue;
                }
            }
            if (unkToken == null) {
                throw new TokenizationException("BPE: '" + new String(buf, i, n) + "' (in '" + word.text()
                        + "') is not in the vocabulary and the model has no unknown token");
            }
            int uid = vocab.get(unkToken);
            if (uid < 0) {
                throw new TokenizationException("BPE: the unknown token '" + unkToken + "' is not in the vocabulary");
            }
            if (hasUnk && fuseUnk) {
                unkLen += bytes;
            } else {
                if (hasUnk) {
                    w.add(unkId, unkLen);
                }
                unkId = uid;
                unkLen = bytes;
                hasUnk = true;
            }
            i += n;
        }
        if (hasUnk) {
            w.add(unkId, unkLen);
        }
        w.mergeAll();
        return w.result(buf, len);
    }

    /** HF's {@code Word}: symbols in a linked list over arrays. */
    private final class Symbols {
        int[] c;
        int[] start;
        int[] end;
        int[] prev;
        int[] next;
        boolean[] removed;
        int n;

        Symbols(int cap) {
            c = new int[cap];
            start = new int[cap];
            end = new int[cap];
            prev = new int[cap];
            next = new int[cap];
            removed = new boolean[cap];
        }

        private int bytePos;

        /** Appends a symbol of {@code bytes} UTF-8 bytes (HF's {@code Word::add}). */
        void add(int id, int bytes) {
            int s = bytePos;
            bytePos += bytes;
            int e = bytePos;
            if (n == c.length) {
                int cap = n * 2;
                c = java.util.Arrays.copyOf(c, cap);
                start = java.util.Arrays.copyOf(start, cap);
                end = java.util.Arrays.copyOf(end, cap);
                prev = java.util.Arrays.copyOf(prev, cap);
                next = java.util.Arrays.copyOf(next, cap);
                removed = java.util.Arrays.copyOf(removed, cap);
            }
            c[n] = id;
            start[n] = s;
            end[n] = e;
            prev[n] = n - 1;
            next[n] = -1;
            if (n > 0) {
                next[n - 1] = n;
            }
            n++;
        }

        void mergeAll() {
            if (n < 2) {
                return;
            }
            LongHeap heap = new LongHeap(n);
            for (int i = 0; i + 1 < n; i++) {
                int r = merges.get(c[i], c[i + 1]);
                if (r >= 0) {
                    heap.push(((long) r << 32) | i);
                }
            }
            while (!heap.isEmpty()) {
                long top = heap.pop();
                int rank = (int) (top >>> 32);
                int pos = (int) top;
                if (removed[pos]) {
                    continue;
                }
                int nx = next[pos];
                if (nx == -1) {
                    continue;
                }
                int r = merges.get(c[pos], c[nx]);
                if (r < 0 || mergeResult[r] != mergeResult[rank]) {
                    continue;
                }
                int newId = mergeResult[rank];
                c[pos] = newId;
                end[pos] = end[nx];
                removed[nx] = true;
                int after = next[nx];
                next[pos] = after;
                if (after >= 0) {
                    prev[after] = pos;
                }
                int pv = prev[pos];
                if (pv >= 0) {
                    int pr = merges.get(c[pv], newId);
                    if (pr >= 0) {
                        heap.push(((long) pr << 32) | pv);
                    }
                }
                if (after >= 0) {
                    int nr = merges.get(newId, c[after]);
                    if (nr >= 0) {
                        heap.push(((long) nr << 32) | pos);
                    }
                }
            }
        }

        /** The remaining symbols as (id, start, end), byte offsets turned into word UTF-16 units. */
        int[] result(char[] buf, int len) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (!removed[i]) {
                    count++;
                }
            }
            // unit index of the character holding each byte of the word
            boolean ascii = true;
            for (int i = 0; i < len; i++) {
                if (buf[i] >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            int[] unitOfByte = null;
            int wordBytes = len;
            if (!ascii) {
                unitOfByte = new int[len * 3 + 1];
                int b = 0;
                for (int u = 0; u < len; ) {
                    int cp = Character.codePointAt(buf, u, len);
                    int nb = dev.jembed.tokenizer.text.Chars.utf8Length(cp);
                    for (int k = 0; k < nb; k++) {
                        unitOfByte[b++] = u;
                    }
                    u += Character.charCount(cp);
                }
                wordBytes = b;
            }
            int[] r = new int[count * 3];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (removed[i]) {
                    continue;
                }
                int s = start[i];
                int e = end[i];
                r[k++] = c[i];
                if (e > wordBytes) {
                    r[k++] = -1 - s;
                    r[k++] = -1 - e;
                } else if (unitOfByte == null) {
                    r[k++] = s;
                    r[k++] = e;
                } else {
                    r[k++] = unitOfByte[s];
                    r[k++] = unitOfByte[e - 1] + 1;
                }
            }
            return r;
        }
    }

    /** Binary min-heap of longs (rank in the high half, position in the low half). */
    private static final class LongHeap {
        private long[] a;
        private int size;

        LongHeap(int cap) {
            a = new long[Math.max(4, cap)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(long v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (a[p] <= v) {
                    break;
                }
                a[i] = a[p];
                i = p;
            }
            a[i] = v;
        }

        long pop() {
            long top = a[0];
            long v = a[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int l = 2 * i + 1;
                int r = l + 1;
                int m = r < size && a[r] < a[l] ? r : l;
                if (a[m] >= v) {
                    break;
                }
                a[i] = a[m];
                i = m;
            }
            a[i] = v;
            return top;
        }
    }

    @Override
    public Vocab vocab() {
        return vocab;
    }
}
