package dev.jembed.tokenizer.text;

import java.util.Arrays;

/**
 * Where the Unicode data inside Hugging Face tokenizers 0.21 differs from the JDK's (Unicode
 * 16.0). HF's character classes come from several crates of different ages:
 * {@code unicode-normalization-alignments} 0.1.12 (NFC/NFD/NFKC/NFKD, canonical combining
 * classes, the StripAccents mark test) carries Unicode 9.0 data, and {@code unicode_categories}
 * (BERT's control-character and nonspacing-mark tests) Unicode 8.0 data; Rust's own
 * {@code char} methods and the regex engines are current and agree with the JDK. So characters
 * assigned or re-categorized after those versions behave differently in HF, and HF is the
 * reference. The tables below list exactly those code points; they were established by encoding
 * every code point through HF tokenizers 0.21.4 (DJL 0.36.0) and are re-checked code point by
 * code point, for planes 0 and 1 where they all lie, by {@code UnicodeTablesTest}.
 */
public final class UnicodeVersions {
    private UnicodeVersions() {
    }

    /**
     * Characters the normalization crate does not know (assigned, or given a decomposition or a
     * combining class, after Unicode 9.0): no decomposition, combining class 0.
     */
    private static final int[] NORMALIZATION_UNKNOWN = {
            0x7FD, 0x7FD, 0x897, 0x89F, 0x8CA, 0x8D3, 0x9FE, 0x9FE, 0xC3C, 0xC3C, 0xD3B, 0xD3C,
            0xEBA, 0xEBA, 0x1715, 0x1715, 0x1ABF, 0x1ACE, 0x1DF6, 0x1DFA, 0x32FF, 0x32FF, 0xA7F2, 0xA7F4,
            0xA82C, 0xA82C, 0xAB69, 0xAB69, 0x105C9, 0x105C9, 0x105E4, 0x105E4, 0x10781, 0x10785, 0x10787, 0x107B0,
            0x107B2, 0x107BA, 0x10D24, 0x10D27, 0x10D69, 0x10D6D, 0x10EAB, 0x10EAC, 0x10EFD, 0x10EFF, 0x10F46, 0x10F50,
            0x10F82, 0x10F85, 0x11070, 0x11070, 0x1133B, 0x1133B, 0x11383, 0x11383, 0x11385, 0x11385, 0x1138E, 0x1138E,
            0x11391, 0x11391, 0x113C5, 0x113C5, 0x113C7, 0x113C8, 0x113CE, 0x113D0, 0x1145E, 0x1145E, 0x11839, 0x1183A,
            0x11938, 0x11938, 0x1193D, 0x1193E, 0x11943, 0x11943, 0x119E0, 0x119E0, 0x11A34, 0x11A34, 0x11A47, 0x11A47,
            0x11A99, 0x11A99, 0x11D42, 0x11D42, 0x11D44, 0x11D45, 0x11D97, 0x11D97, 0x11F41, 0x11F42, 0x16121, 0x16128,
            0x1612F, 0x1612F, 0x16D68, 0x16D6A, 0x16FF0, 0x16FF1, 0x1CCD6, 0x1CCF9, 0x1E030, 0x1E06D, 0x1E08F, 0x1E08F,
            0x1E130, 0x1E136, 0x1E2AE, 0x1E2AE, 0x1E2EC, 0x1E2EF, 0x1E4EC, 0x1E4EF, 0x1E5EE, 0x1E5EF, 0x1F16C, 0x1F16C,
            0x1FBF0, 0x1FBF9
    };

    /** Format characters that are not "other" for BERT's cleanup (Cf since Unicode 9.0). */
    private static final int[] OTHER_FLIPPED = {0x890, 0x891, 0x8E2, 0x8E2, 0x110CD, 0x110CD, 0x13430, 0x1343F};

    static boolean in(int[] ranges, int cp) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cp < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (cp > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** True when HF's normalization data has nothing for this code point. */
    public static boolean unknownToNormalization(int cp) {
        return cp >= 0x7FD && in(NORMALIZATION_UNKNOWN, cp);
    }

    static boolean otherFlipped(int cp) {
        return cp >= 0x890 && in(OTHER_FLIPPED, cp);
    }

    static {
        assert sorted(NORMALIZATION_UNKNOWN) && sorted(OTHER_FLIPPED);
    }

    private static boolean sorted(int[] r) {
        int[] c = r.clone();
        Arrays.sort(c);
        return Arrays.equals(c, r);
    }
}
