package dev.jembed.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generated test strings: ASCII words and punctuation, accented Latin, code points
 * from every Unicode plane, combining marks, control and format characters, CJK, Hangul, emoji
 * sequences (ZWJ families, flags, skin tones, keycaps), whitespace runs of every kind, special
 * token look-alikes, very long words and texts of more than 10,000 characters. Unpaired
 * surrogates are produced too (callers that feed DJL clean them first).
 */
final class FuzzCorpus {
    private static final String[] WORDS = {
        "the",
        "The",
        "a",
        "hello",
        "World",
        "tokenizer",
        "don't",
        "I'll",
        "we've",
        "they're",
        "SHE'S",
        "it's",
        "naïve",
        "café",
        "résumé",
        "Ångström",
        "straße",
        "İstanbul",
        "ǅemal",
        "ﬁne",
        "Σίσυφος",
        "ОДИН",
        "한국어",
        "北京",
        "東京都",
        "ไทย",
        "العربية",
        "עברית",
        "देवनागरी",
        "unaffable",
        "12345",
        "3.14",
        "1,000",
        "$3.50",
        "e-mail",
        "U.S.A.",
        "C++",
        "x²",
        "½",
        "Ⅻ",
        "①",
        "٣",
        "co-operate",
        "[CLS]",
        "[SEP]",
        "[MASK]",
        "[UNK]",
        "[PAD]",
        "<s>",
        "</s>",
        "<pad>",
        "<unk>",
        "<mask>",
        "<|endoftext|>",
        "##ing",
        "Ġhello",
        "▁word",
        "'s",
        "'re",
        "'ll"
    };
    private static final String PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~¡¿«»—–…‘’“”„†•‰′″※⁂、。「」【】！？（）";
    private static final int[] WHITESPACE = {
        ' ', ' ', ' ', '\t', '\n', '\r', 0x0B, 0x0C, 0x85, 0xA0, 0x1680, 0x2000, 0x2003, 0x2009, 0x200A, 0x2028, 0x2029,
        0x202F, 0x205F, 0x3000, 0x180E, 0x200B, 0xFEFF
    };
    private static final int[] CONTROL_FORMAT = {
        0, 1, 7, 0x1B, 0x7F, 0x80, 0x9F, 0xAD, 0x200B, 0x200C, 0x200D, 0x200E, 0x202A, 0x202E, 0x2060, 0x2066, 0xFEFF,
        0xFFF9, 0xFFFD, 0xFFFE, 0xFFFF, 0xE000, 0xF8FF, 0x110BD, 0x1D173, 0xE0001, 0xE0020, 0xE007F, 0xF0000, 0x10FFFD,
        0x378, 0x9FFFF
    };
    private static final int[] MARKS = {
        0x300, 0x301, 0x302, 0x303, 0x308, 0x30A, 0x327, 0x328, 0x323, 0x331, 0x334, 0x345, 0x35C, 0x361, 0x483, 0x591,
        0x5B0, 0x610, 0x64B, 0x670, 0x93C, 0x94D, 0x9BC, 0xE31, 0xE48, 0xF71, 0xF72, 0xF74, 0xF80, 0x1AB0, 0x1DC0,
        0x20D0, 0x20E3, 0x302A, 0x3099, 0x309A, 0xFE0F, 0xFE0E, 0xFE20, 0x1D165, 0x1D167, 0x1E8D0, 0x16FF0, 0x1E2EC,
        0x0BD7, 0x0B3E, 0x0CD5, 0x102E, 0x1161, 0x11A8
    };
    private static final int[] EMOJI = {
        0x1F600, 0x1F602, 0x1F44D, 0x1F468, 0x1F469, 0x1F467, 0x1F466, 0x2764, 0x1F970, 0x1FAE0, 0x1F1FA, 0x1F1F8,
        0x1F1EF, 0x1F1F5, 0x1F3F4, 0x263A, 0x2B50, 0x1F9D1, 0x1F91D, 0x1F4A9, 0x23, 0x1F917, 0x1FA77, 0x1F6DC
    };
    private static final int[] SKIN = {0x1F3FB, 0x1F3FC, 0x1F3FD, 0x1F3FE, 0x1F3FF};
    private static final int[][] PLANES = {
        {0x20, 0xFFFF},
        {0x10000, 0x1FFFF},
        {0x20000, 0x2FFFF},
        {0x30000, 0x3FFFF},
        {0xE0000, 0xEFFFF},
        {0xF0000, 0xFFFFF},
        {0x100000, 0x10FFFF},
        {0x40000, 0xDFFFF}
    };

    private FuzzCorpus() {}

    /** {@code count} strings from {@code seed}; every 1,000th is longer than 10,000 characters. */
    static List<String> generate(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int pieces;
            if (i % 1000 == 999) {
                pieces = 2500 + r.nextInt(1500);
            } else if (i % 50 == 49) {
                pieces = 100 + r.nextInt(300);
            } else {
                pieces = 1 + r.nextInt(14);
            }
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < pieces; p++) {
                piece(r, sb, i % 1000 == 999);
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static void piece(SplittableRandom r, StringBuilder sb, boolean huge) {
        int k = r.nextInt(100);
        if (k < 22) {
            sb.append(WORDS[r.nextInt(WORDS.length)]);
        } else if (k < 30) {
            int n = 1 + r.nextInt(8);
            for (int i = 0; i < n; i++) {
                sb.append((char) ('a' + r.nextInt(26) - (r.nextInt(4) == 0 ? 32 : 0)));
            }
        } else if (k < 38) {
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(WHITESPACE[r.nextInt(WHITESPACE.length)]);
            }
        } else if (k < 44) {
            sb.append(PUNCT.charAt(r.nextInt(PUNCT.length())));
        } else if (k < 50) {
            sb.appendCodePoint(randomScalar(r, PLANES[r.nextInt(PLANES.length)]));
        } else if (k < 56) {
            sb.appendCodePoint(randomScalar(r, PLANES[0]));
        } else if (k < 61) {
            if (r.nextBoolean()) {
                sb.append("aeiouAEIOUnsgyzw".charAt(r.nextInt(16)));
            }
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.appendCodePoint(MARKS[r.nextInt(MARKS.length)]);
            }
        } else if (k < 64) {
            sb.appendCodePoint(CONTROL_FORMAT[r.nextInt(CONTROL_FORMAT.length)]);
        } else if (k < 69) {
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                int which = r.nextInt(6);
                sb.appendCodePoint(
                        switch (which) {
                            case 0 -> 0x4E00 + r.nextInt(0x5200);
                            case 1 -> 0x3400 + r.nextInt(0x19C0);
                            case 2 -> 0x20000 + r.nextInt(0xA6E0);
                            case 3 -> 0xF900 + r.nextInt(0x200);
                            case 4 -> 0x3040 + r.nextInt(0xC0);
                            default -> 0x2F800 + r.nextInt(0x21F);
                        });
            }
        } else if (k < 73) {
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                int which = r.nextInt(3);
                sb.appendCodePoint(
                        which == 0
                                ? 0xAC00 + r.nextInt(11172)
                                : which == 1 ? 0x1100 + r.nextInt(0x100) : 0x3130 + r.nextInt(0x60));
            }
        } else if (k < 80) {
            emoji(r, sb);
        } else if (k < 84) {
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
        } else if (k < 87) {
            int n = huge ? 50 + r.nextInt(200) : 90 + r.nextInt(30);
            String alphabet = r.nextBoolean() ? "abcdefghijklmnopqrstuvwxyz" : "aeéiouxyzàçñ";
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        } else if (k < 89) {
            // an unpaired surrogate, high or low
            sb.append((char) (r.nextBoolean() ? 0xD800 + r.nextInt(0x400) : 0xDC00 + r.nextInt(0x400)));
        } else if (k < 94) {
            sb.append((char) (0xC0 + r.nextInt(0x250)));
        } else {
            sb.append(" ").append(WORDS[r.nextInt(WORDS.length)]).append(" ");
        }
    }

    private static void emoji(SplittableRandom r, StringBuilder sb) {
        int kind = r.nextInt(5);
        switch (kind) {
            case 0 -> sb.appendCodePoint(EMOJI[r.nextInt(EMOJI.length)]);
            case 1 -> sb.appendCodePoint(0x1F44B + r.nextInt(4)).appendCodePoint(SKIN[r.nextInt(SKIN.length)]);
            case 2 ->
                sb.appendCodePoint(0x1F468)
                        .appendCodePoint(0x200D)
                        .appendCodePoint(0x1F469)
                        .appendCodePoint(0x200D)
                        .appendCodePoint(0x1F467)
                        .appendCodePoint(0x200D)
                        .appendCodePoint(0x1F466);
            case 3 -> sb.appendCodePoint(0x1F1E6 + r.nextInt(26)).appendCodePoint(0x1F1E6 + r.nextInt(26));
            default ->
                sb.append((char) ('0' + r.nextInt(10))).appendCodePoint(0xFE0F).appendCodePoint(0x20E3);
        }
    }

    private static int randomScalar(SplittableRandom r, int[] range) {
        while (true) {
            int cp = range[0] + r.nextInt(range[1] - range[0] + 1);
            if (cp < 0xD800 || cp > 0xDFFF) {
                return cp;
            }
        }
    }
}
