package dev.jembed.tokenizer.text;

import java.util.Arrays;

/**
 * Rebuilds a range of a {@link NormalizedString} from a stream of (code point, change) pairs,
 * aligning each new character exactly as HF's {@code transform_range} does: a character with
 * change 0 replaces the next old character and takes its alignment; change -N also swallows
 * the N old characters after it; change 1 is inserted and takes the alignment of the old
 * character just before the read position.
 */
public final class Rewriter {
    private final NormalizedString ns;
    private final int from;
    private final int to;
    private int off;
    private char[] c;
    private int[] as;
    private int[] ae;
    private int n;

    Rewriter(NormalizedString ns, int from, int to, int initialRemoved) {
        this.ns = ns;
        this.from = from;
        this.to = to;
        int cap = Math.max(16, (to - from) + (to - from) / 2 + 4);
        this.c = new char[cap];
        this.as = new int[cap];
        this.ae = new int[cap];
        int o = from;
        for (int k = 0; k < initialRemoved && o < to; k++) {
            o += step(o);
        }
        this.off = o;
    }

    /** Start of the rewritten range (normalized units). */
    public int from() {
        return from;
    }

    private int step(int i) {
        char[] ch = ns.chars;
        return Character.isHighSurrogate(ch[i]) && i + 1 < ns.length && Character.isLowSurrogate(ch[i + 1]) ? 2 : 1;
    }

    public void emit(int cp, int change) {
        int s;
        int e;
        if (change > 0) {
            if (off < 1) {
                s = e = ns.originalStart();
            } else {
                s = ns.alignStart[off - 1];
                e = ns.alignEnd[off - 1];
            }
        } else {
            int idx = Math.min(off, ns.length - 1);
            s = ns.alignStart[idx];
            e = ns.alignEnd[idx];
            if (off < to) {
                off += step(off);
            }
            for (int k = change; k < 0 && off < to; k++) {
                off += step(off);
            }
        }
        if (n + 2 > c.length) {
            int cap = c.length * 2;
            c = Arrays.copyOf(c, cap);
            as = Arrays.copyOf(as, cap);
            ae = Arrays.copyOf(ae, cap);
        }
        if (cp < 0x10000) {
            c[n] = (char) cp;
            as[n] = s;
            ae[n] = e;
            n++;
        } else {
            c[n] = Character.highSurrogate(cp);
            c[n + 1] = Character.lowSurrogate(cp);
            as[n] = as[n + 1] = s;
            ae[n] = ae[n + 1] = e;
            n += 2;
        }
    }

    /** Replaces the range with what was emitted. */
    public void commit() {
        ns.splice(from, to, c, as, ae, n);
    }
}
