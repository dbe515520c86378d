package dev.jembed.tokenizer;

import dev.jembed.tokenizer.model.Model;
import dev.jembed.tokenizer.normalizer.Normalizer;
import dev.jembed.tokenizer.text.Chars;
import dev.jembed.tokenizer.text.NormalizedString;
import dev.jembed.tokenizer.text.PreTokenizedString;
import dev.jembed.tokenizer.text.Split;
import dev.jembed.tokenizer.text.TokenList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tokens added on top of the model vocabulary (HF {@code AddedVocabulary}): id assignment in
 * file order, and extraction from the input before normalization (for tokens with
 * {@code normalized=false}) and after it (the others), with HF's single_word, lstrip and rstrip
 * rules. Matching is leftmost-longest, like HF's Aho-Corasick automaton.
 */
final class AddedVocabulary {
    private final Map<String, Integer> idByContent = new HashMap<>();
    private final Map<Integer, AddedToken> tokenById = new LinkedHashMap<>();
    private final List<AddedToken> specialTokens = new ArrayList<>();
    private final List<AddedToken> classicTokens = new ArrayList<>();
    private final Set<String> specialSet = new HashSet<>();
    private Matcher rawMatcher = Matcher.EMPTY;
    private Matcher normalizedMatcher = Matcher.EMPTY;

    /** Adds tokens in order, as HF does when reading tokenizer.json. */
    void add(List<AddedToken> tokens, Model model, Normalizer normalizer) {
        for (AddedToken t : tokens) {
            if (t.special() && !t.content().isEmpty() && specialSet.add(t.content())) {
                specialTokens.add(t);
            }
            if (t.content().isEmpty() || tokenById.containsValue(t)) {
                continue;
            }
            Integer id = idByContent.get(t.content());
            if (id == null) {
                int m = model.tokenToId(t.content());
                if (m >= 0) {
                    id = m;
                }
            }
            if (id == null) {
                int vocabSize = model.vocabSize();
                if (idByContent.isEmpty()) {
                    id = vocabSize;
                } else {
                    int max = idByContent.values().stream()
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElseThrow();
                    id = max >= vocabSize || vocabSize == 0 ? max + 1 : vocabSize;
                }
            }
            idByContent.put(t.content(), id);
            tokenById.put(id, t);
            if (!specialSet.contains(t.content())) {
                classicTokens.add(t);
            }
        }
        refresh(model, normalizer);
    }

    private void refresh(Model model, Normalizer normalizer) {
        List<String> raw = new ArrayList<>();
        List<Integer> rawIds = new ArrayList<>();
        List<String> norm = new ArrayList<>();
        List<Integer> normIds = new ArrayList<>();
        List<AddedToken> all = new ArrayList<>(specialTokens);
        all.addAll(classicTokens);
        for (AddedToken t : all) {
            int id = tokenToId(t.content(), model);
            if (t.normalized()) {
                String content = t.content();
                if (normalizer != null) {
                    NormalizedString n = NormalizedString.of(content, 0, content.length());
                    normalizer.normalize(n);
                    content = n.text();
                }
                norm.add(content);
                normIds.add(id);
            } else {
                raw.add(t.content());
                rawIds.add(id);
            }
        }
        rawMatcher = new Matcher(raw, rawIds);
        normalizedMatcher = new Matcher(norm, normIds);
    }

    /** True if no added token contains whitespace, so none can match across a cut at a space. */
    boolean cutSafe() {
        List<AddedToken> all = new ArrayList<>(specialTokens);
        all.addAll(classicTokens);
        for (AddedToken t : all) {
            if (t.content().codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)))
                return false;
        }
        return true;
    }

    boolean isEmpty() {
        return tokenById.isEmpty();
    }

    int tokenToId(String content, Model model) {
        Integer id = idByContent.get(content);
        return id != null ? id : model.tokenToId(content);
    }

    /** Content of an added token id, or null. */
    String idToToken(int id) {
        AddedToken t = tokenById.get(id);
        return t == null ? null : t.content();
    }

    boolean isSpecial(String content) {
        return specialSet.contains(content);
    }

    int maxId() {
        int m = -1;
        for (int id : tokenById.keySet()) {
            m = Math.max(m, id);
        }
        return m;
    }

    /** HF {@code extract_and_normalize}. */
    PreTokenizedString extractAndNormalize(Normalizer normalizer, String text) {
        PreTokenizedString pre = new PreTokenizedString(NormalizedString.of(text, 0, text.length()));
        List<Split> next = new ArrayList<>(4);
        for (Split s : pre.splits()) {
            splitWithIndices(s.normalized, rawMatcher, next);
        }
        pre.replaceSplits(next);
        List<Split> next2 = new ArrayList<>(next.size() + 4);
        for (Split s : pre.splits()) {
            if (s.tokens != null) {
                next2.add(s);
                continue;
            }
            if (normalizer != null) {
                normalizer.normalize(s.normalized);
            }
            splitWithIndices(s.normalized, normalizedMatcher, next2);
        }
        pre.replaceSplits(next2);
        return pre;
    }

    private void splitWithIndices(NormalizedString n, Matcher matcher, List<Split> out) {
        int len = n.length();
        if (len == 0) {
            return;
        }
        if (matcher.isEmpty()) {
            out.add(new Split(n.slice(0, len), null));
            return;
        }
        char[] text = n.buffer();
        int[] found = matcher.findAll(text, len);
        int startOffset = 0;
        for (int k = 0; k < found[0]; k++) {
            int start = found[1 + 3 * k];
            int stop = found[2 + 3 * k];
            int id = found[3 + 3 * k];
            AddedToken t = tokenById.get(id);
            if (t.singleWord()) {
                boolean startSpace = start == 0 || !Chars.isWord(Character.codePointBefore(text, start));
                boolean stopSpace = stop == len || !Chars.isWord(Character.codePointAt(text, stop, len));
                if (!stopSpace || !startSpace) {
                    continue;
                }
            }
            if (t.lstrip()) {
                int newStart = start;
                while (newStart > 0) {
                    int cp = Character.codePointBefore(text, newStart);
                    if (!Chars.isWhitespace(cp)) {
                        break;
                    }
                    newStart -= Character.charCount(cp);
                }
                start = Math.max(newStart, startOffset);
            }
            if (t.rstrip()) {
                while (stop < len) {
                    int cp = Character.codePointAt(text, stop, len);
                    if (!Chars.isWhitespace(cp)) {
                        break;
                    }
                    stop += Character.charCount(cp);
                }
            }
            if (startOffset < start) {
                out.add(new Split(n.slice(startOffset, start), null));
            }
            NormalizedString piece = n.slice(start, stop);
            TokenList tl = new TokenList(1);
            tl.add(id, piece.text(), 0, piece.length());
            out.add(new Split(piece, tl));
            startOffset = stop;
        }
        if (startOffset != len) {
            out.add(new Split(n.slice(startOffset, len), null));
        }
    }

    /** Leftmost-longest, non-overlapping search for a set of strings. */
    private static final class Matcher {
        static final Matcher EMPTY = new Matcher(List.of(), List.of());

        private final Map<Character, char[][]> byFirst = new HashMap<>();
        private final Map<Character, int[]> idsByFirst = new HashMap<>();
        private final boolean[] firstBmp = new boolean[65536];
        private final boolean empty;

        Matcher(List<String> patterns, List<Integer> ids) {
            Map<Character, List<Integer>> groups = new HashMap<>();
            for (int i = 0; i < patterns.size(); i++) {
                String p = patterns.get(i);
                if (p.isEmpty()) {
                    continue;
                }
                groups.computeIfAbsent(p.charAt(0), c -> new ArrayList<>()).add(i);
            }
            for (Map.Entry<Character, List<Integer>> e : groups.entrySet()) {
                List<Integer> idx = e.getValue();
                char[][] pats = new char[idx.size()][];
                int[] pid = new int[idx.size()];
                for (int k = 0; k < idx.size(); k++) {
                    pats[k] = patterns.get(idx.get(k)).toCharArray();
                    pid[k] = ids.get(idx.get(k));
                }
                byFirst.put(e.getKey(), pats);
                idsByFirst.put(e.getKey(), pid);
                firstBmp[e.getKey()] = true;
            }
            empty = groups.isEmpty();
        }

        boolean isEmpty() {
            return empty;
        }

        /** {@code [count, start, end, id, ...]}. */
        int[] findAll(char[] text, int len) {
            int[] out = new int[1 + 3 * 4];
            int count = 0;
            int i = 0;
            while (i < len) {
                char c = text[i];
                if (!firstBmp[c]) {
                    i++;
                    continue;
                }
                char[][] pats = byFirst.get(c);
                int[] pid = idsByFirst.get(c);
                int best = -1;
                int bestLen = 0;
                for (int k = 0; k < pats.length; k++) {
                    char[] p = pats[k];
                    if (p.length > bestLen && i + p.length <= len && matchesAt(text, i, p)) {
                        best = k;
                        bestLen = p.length;
                    }
                }
                if (best < 0) {
                    i++;
                    continue;
                }
                if (1 + 3 * (count + 1) > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                out[1 + 3 * count] = i;
                out[2 + 3 * count] = i + bestLen;
                out[3 + 3 * count] = pid[best];
                count++;
                i += bestLen;
            }
            out[0] = count;
            return out;
        }

        private static boolean matchesAt(char[] text, int i, char[] p) {
            for (int k = 0; k < p.length; k++) {
                if (text[i + k] != p[k]) {
                    return false;
                }
            }
            return true;
        }
    }
}
