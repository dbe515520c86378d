package dev.jembed.tokenizer.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Unicode normalization forms producing the (character, change) stream of the
 * {@code unicode-normalization-alignments} crate that HF uses, so that alignments follow HF:
 * each input character's decomposition yields its first character with change 0 and the rest
 * with change 1; runs of non-starters are then stably sorted by canonical combining class; the
 * composition step merges (k, c) into one character with change {@code ck + cc - 1}.
 *
 * <p>Decompositions come from {@link java.text.Normalizer}. The JDK has no public API for the
 * canonical combining class, so classes are recovered as ranks from the normalizer's own
 * reordering (two adjacent non-starters are swapped exactly when the first has the higher
 * class); only the order of classes matters for sorting.
 */
final class Unorm {
    private Unorm() {}

    private static final class Tables {
        static final String[] NFD = new String[65536];
        static final String[] NFKD = new String[65536];
        /** 0 for starters, otherwise a rank that orders like the combining class. */
        static final Map<Integer, Integer> CCC = new HashMap<>();

        static {
            for (int c = 0; c < 65536; c++) {
                if (Character.isSurrogate((char) c)) {
                    continue;
                }
                String s = String.valueOf((char) c);
                if (!Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
                    NFD[c] = Normalizer.normalize(s, Normalizer.Form.NFD);
                }
                if (!Normalizer.isNormalized(s, Normalizer.Form.NFKD)) {
                    NFKD[c] = Normalizer.normalize(s, Normalizer.Form.NFKD);
                }
            }
            buildCombiningClasses();
        }

        private static boolean reorders(int a, int b) {
            String s = new StringBuilder().appendCodePoint(a).appendCodePoint(b).toString();
            return !Normalizer.normalize(s, Normalizer.Form.NFD).equals(s);
        }

        private static void buildCombiningClasses() {
            int[] marks = new int[4096];
            int n = 0;
            for (int cp = 0x300; cp <= 0x10FFFF; cp++) {
                int t = Character.getType(cp);
                if (t != Character.NON_SPACING_MARK
                        && t != Character.COMBINING_SPACING_MARK
                        && t != Character.ENCLOSING_MARK) {
                    continue;
                }
                String s = new String(Character.toChars(cp));
                if (!Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
                    continue;
                }
                // U+0345 has the highest class (240), U+0334 the lowest non-zero one (1)
                boolean nonStarter = cp == 0x345 || cp == 0x334 || reorders(0x345, cp) || reorders(cp, 0x334);
                if (nonStarter) {
                    if (n == marks.length) {
                        marks = Arrays.copyOf(marks, n * 2);
                    }
                    marks[n++] = cp;
                }
            }
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = marks[i];
            }
            Arrays.sort(boxed, (a, b) -> reorders(a, b) ? 1 : reorders(b, a) ? -1 : 0);
            int rank = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || reorders(boxed[i], boxed[i - 1]) || reorders(boxed[i - 1], boxed[i])) {
                    rank++;
                }
                CCC.put(boxed[i], rank);
            }
        }
    }

    private static final class Compositions {
        static final Map<Long, Integer> COMPOSE = new HashMap<>();

        static {
            buildCompositions();
        }

        private static void buildCompositions() {
            for (int cp = 0xA0; cp <= 0x10FFFF; cp++) {
                if (cp >= 0xAC00 && cp <= 0xD7A3) {
                    continue;
                }
                if (Character.getType(cp) == Character.UNASSIGNED || Character.isSurrogate((char) cp) && cp < 65536) {
                    continue;
                }
                String s = new String(Character.toChars(cp));
                if (Normalizer.isNormalized(s, Normalizer.Form.NFD)
                        || !Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
                    continue;
                }
                String d = Normalizer.normalize(s, Normalizer.Form.NFD);
                int last = d.codePointBefore(d.length());
                String head = d.substring(0, d.length() - Character.charCount(last));
                if (head.isEmpty()) {
                    continue;
                }
                String prefix = Normalizer.normalize(head, Normalizer.Form.NFC);
                if (prefix.codePointCount(0, prefix.length()) != 1) {
                    continue;
                }
                int first = prefix.codePointAt(0);
                String pair = new StringBuilder()
                        .appendCodePoint(first)
                        .appendCodePoint(last)
                        .toString();
                if (Normalizer.normalize(pair, Normalizer.Form.NFC).equals(s)) {
                    COMPOSE.put(((long) first << 21) | last, cp);
                }
            }
        }
    }

    static int ccc(int cp) {
        if (cp < 0x300 || UnicodeVersions.unknownToNormalization(cp)) {
            return 0;
        }
        Integer r = Tables.CCC.get(cp);
        return r == null ? 0 : r;
    }

    private static final int S_BASE = 0xAC00;
    private static final int L_BASE = 0x1100;
    private static final int V_BASE = 0x1161;
    private static final int T_BASE = 0x11A7;
    private static final int L_COUNT = 19;
    private static final int V_COUNT = 21;
    private static final int T_COUNT = 28;
    private static final int N_COUNT = V_COUNT * T_COUNT;
    private static final int S_COUNT = L_COUNT * N_COUNT;

    static int compose(int a, int b) {
        // Hangul L+V and LV+T
        if (a >= L_BASE && a < L_BASE + L_COUNT && b >= V_BASE && b < V_BASE + V_COUNT) {
            return S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
        }
        if (a >= S_BASE && a < S_BASE + S_COUNT && (a - S_BASE) % T_COUNT == 0 && b > T_BASE && b < T_BASE + T_COUNT) {
            return a + (b - T_BASE);
        }
        Integer r = Compositions.COMPOSE.get(((long) a << 21) | b);
        return r == null || UnicodeVersions.unknownToNormalization(r) ? -1 : r;
    }

    private static String decomposition(int cp, boolean compat) {
        if (cp < 0xA0 || UnicodeVersions.unknownToNormalization(cp)) {
            return null;
        }
        if (cp < 65536) {
            return compat ? Tables.NFKD[cp] : Tables.NFD[cp];
        }
        String s = new String(Character.toChars(cp));
        Normalizer.Form f = compat ? Normalizer.Form.NFKD : Normalizer.Form.NFD;
        return Normalizer.isNormalized(s, f) ? null : Normalizer.normalize(s, f);
    }

    /** Applies NFD/NFKD (and NFC/NFKC when {@code compose}) to the whole string. */
    static void decompose(NormalizedString ns, boolean compat, boolean compose) {
        // fast path: pure ASCII is invariant under every form
        int len = ns.length;
        char[] ch = ns.chars;
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            if (ch[i] >= 0xA0 || (ch[i] >= 0x80 && compat)) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return;
        }
        Rewriter r = ns.rewriteAll();
        if (r == null) {
            return;
        }
        Sink sink = compose ? new Composer(r) : new Direct(r);
        // buffer of pending (class, cp, change) since the last starter
        int[] bc = new int[16];
        int[] bcp = new int[16];
        int[] bch = new int[16];
        int bn = 0;
        for (int i = r.from(); i < len; ) {
            int cp = Character.codePointAt(ch, i, len);
            i += Character.charCount(cp);
            String d = decomposition(cp, compat);
            int dn = d == null ? 1 : d.length();
            boolean first = true;
            for (int k = 0; k < dn; ) {
                int dc = d == null ? cp : d.codePointAt(k);
                k += d == null ? 1 : Character.charCount(dc);
                int cls = ccc(dc);
                if (cls == 0) {
                    sortAndFlush(bc, bcp, bch, bn, sink);
                    bn = 0;
                }
                if (bn == bc.length) {
                    bc = Arrays.copyOf(bc, bn * 2);
                    bcp = Arrays.copyOf(bcp, bn * 2);
                    bch = Arrays.copyOf(bch, bn * 2);
                }
                bc[bn] = cls;
                bcp[bn] = dc;
                bch[bn] = first ? 0 : 1;
                bn++;
                first = false;
            }
        }
        sortAndFlush(bc, bcp, bch, bn, sink);
        sink.finish();
        r.commit();
    }

    private static void sortAndFlush(int[] bc, int[] bcp, int[] bch, int bn, Sink sink) {
        // stable insertion sort by class (runs are short)
        for (int i = 1; i < bn; i++) {
            int c = bc[i];
            int p = bcp[i];
            int h = bch[i];
            int j = i - 1;
            while (j >= 0 && bc[j] > c) {
                bc[j + 1] = bc[j];
                bcp[j + 1] = bcp[j];
                bch[j + 1] = bch[j];
                j--;
            }
            bc[j + 1] = c;
            bcp[j + 1] = p;
            bch[j + 1] = h;
        }
        for (int i = 0; i < bn; i++) {
            sink.accept(bcp[i], bch[i]);
        }
    }

    private interface Sink {
        void accept(int cp, int change);

        void finish();
    }

    private record Direct(Rewriter r) implements Sink {
        public void accept(int cp, int change) {
            r.emit(cp, change);
        }

        public void finish() {}
    }

    /** The crate's {@code Recompositions} state machine. */
    private static final class Composer implements Sink {
        private final Rewriter r;
        private boolean hasComposee;
        private int composee;
        private int composeeChange;
        private int lastCcc = -1;
        private int[] bufCp = new int[8];
        private int[] bufCh = new int[8];
        private int bufN;

        Composer(Rewriter r) {
            this.r = r;
        }

        private void push(int cp, int change) {
            if (bufN == bufCp.length) {
                bufCp = Arrays.copyOf(bufCp, bufN * 2);
                bufCh = Arrays.copyOf(bufCh, bufN * 2);
            }
            bufCp[bufN] = cp;
            bufCh[bufN] = change;
            bufN++;
        }

        private void purge() {
            for (int i = 0; i < bufN; i++) {
                r.emit(bufCp[i], bufCh[i]);
            }
            bufN = 0;
        }

        @Override
        public void accept(int ch, int change) {
            int cls = ccc(ch);
            if (!hasComposee) {
                if (cls != 0) {
                    r.emit(ch, change);
                    return;
                }
                hasComposee = true;
                composee = ch;
                composeeChange = change;
                return;
            }
            if (lastCcc < 0) {
                int c = compose(composee, ch);
                if (c >= 0) {
                    composee = c;
                    composeeChange = composeeChange + change - 1;
                    return;
                }
                if (cls == 0) {
                    r.emit(composee, composeeChange);
                    composee = ch;
                    composeeChange = change;
                    return;
                }
                push(ch, change);
                lastCcc = cls;
                return;
            }
            if (lastCcc >= cls) {
                if (cls == 0) {
                    r.emit(composee, composeeChange);
                    purge();
                    composee = ch;
                    composeeChange = change;
                    lastCcc = -1;
                    return;
                }
                push(ch, change);
                lastCcc = cls;
                return;
            }
            int c = compose(composee, ch);
            if (c >= 0) {
                composee = c;
                composeeChange = composeeChange + change - 1;
                return;
            }
            push(ch, change);
            lastCcc = cls;
        }

        @Override
        public void finish() {
            if (hasComposee) {
                r.emit(composee, composeeChange);
            }
            purge();
        }
    }
}
