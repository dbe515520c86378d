package dev.jembed.tokenizer.text;

/**
 * Character properties exactly as the Hugging Face tokenizers Rust code sees them: Rust's
 * {@code char::is_whitespace} (the White_Space property), {@code char::is_numeric}, the
 * {@code unicode_categories} predicates used by the BERT components, and the classes of the
 * regular expressions the pre-tokenizers use ({@code \s}, {@code \w}, {@code \p{L}},
 * {@code \p{N}}). Java's {@link Character} methods differ from these (for example
 * {@code Character.isWhitespace} excludes U+00A0 and includes U+001C), so nothing here
 * delegates to them blindly. BMP answers come from a flag table filled as characters are first seen.
 */
public final class Chars {
    private static final int WHITESPACE = 1;
    private static final int OTHER = 1 << 1; // Cc Cf Cs Co Cn (unicode_categories is_other)
    private static final int PUNCT = 1 << 2; // ASCII punctuation or P* (BERT's is_punc)
    private static final int MN = 1 << 3; // Mn
    private static final int NUMERIC = 1 << 4; // Nd Nl No
    private static final int LETTER = 1 << 5; // L*
    private static final int WORD = 1 << 6; // regex \w
    private static final int CHINESE = 1 << 7;
    private static final int MARK = 1 << 8; // Mn Mc Me

    /** Set in every filled {@link #BMP} entry, so 0 means "not computed yet". */
    private static final int KNOWN = 1 << 9;

    /**
     * The flags of each BMP character, filled on first use: computing all 65,536 up front was the
     * largest part of a cold tokenizer load. Racing threads store the same value, and a short is
     * written atomically, so no lock is needed.
     */
    private static final short[] BMP = new short[65536];

    private Chars() {}

    private static int compute(int cp) {
        int f = 0;
        if (whiteSpace(cp)) {
            f |= WHITESPACE;
        }
        int type = Character.getType(cp);
        switch (type) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE -> f |= OTHER;
            default -> {}
        }
        if (UnicodeVersions.otherFlipped(cp)) {
            f ^= OTHER;
        }
        switch (type) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> f |= PUNCT;
            default -> {}
        }
        if (UnicodeVersions.punctuationFlipped(cp)) {
            f ^= PUNCT;
        }
        if (cp < 128 && isAsciiPunctuation(cp)) {
            f |= PUNCT;
        }
        if (type == Character.NON_SPACING_MARK) {
            f |= MN;
        }
        if (UnicodeVersions.nonspacingMarkFlipped(cp)) {
            f ^= MN;
        }
        if (type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            f |= MARK;
        }
        if (UnicodeVersions.markFlipped(cp)) {
            f ^= MARK;
        }
        if (type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER) {
            f |= NUMERIC;
        }
        if (type == Character.UPPERCASE_LETTER
                || type == Character.LOWERCASE_LETTER
                || type == Character.TITLECASE_LETTER
                || type == Character.MODIFIER_LETTER
                || type == Character.OTHER_LETTER) {
            f |= LETTER;
        }
        // regex-syntax's \w: Alphabetic, M, Nd, Pc, Join_Control
        if (Character.isAlphabetic(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.CONNECTOR_PUNCTUATION
                || cp == 0x200C
                || cp == 0x200D) {
            f |= WORD;
        }
        if (chinese(cp)) {
            f |= CHINESE;
        }
        return f;
    }

    private static boolean isAsciiPunctuation(int c) {
        return (c >= 0x21 && c <= 0x2F)
                || (c >= 0x3A && c <= 0x40)
                || (c >= 0x5B && c <= 0x60)
                || (c >= 0x7B && c <= 0x7E);
    }

    private static boolean whiteSpace(int c) {
        return (c >= 0x09 && c <= 0x0D)
                || c == 0x20
                || c == 0x85
                || c == 0xA0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000;
    }

    private static boolean chinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    private static int flags(int cp) {
        if (cp >= 65536) {
            return compute(cp);
        }
        int f = BMP[cp];
        if (f == 0) {
            f = compute(cp) | KNOWN;
            BMP[cp] = (short) f;
        }
        return f;
    }

    /** Rust {@code char::is_whitespace}: the Unicode White_Space property. */
    public static boolean isWhitespace(int cp) {
        return (flags(cp) & WHITESPACE) != 0;
    }

    /** {@code unicode_categories::is_other}: Cc, Cf, Cs, Co or Cn. */
    public static boolean isOther(int cp) {
        return (flags(cp) & OTHER) != 0;
    }

    /** BERT punctuation: ASCII punctuation or a P* category. */
    public static boolean isBertPunctuation(int cp) {
        return (flags(cp) & PUNCT) != 0;
    }

    /** Nonspacing mark (Mn), as stripped by StripAccents. */
    public static boolean isMarkNonspacing(int cp) {
        return (flags(cp) & MN) != 0;
    }

    /** General category Mark (Mn, Mc, Me): what the StripAccents normalizer removes. */
    public static boolean isCombiningMark(int cp) {
        return (flags(cp) & MARK) != 0;
    }

    /** {@code \p{L}}. */
    public static boolean isLetter(int cp) {
        return (flags(cp) & LETTER) != 0;
    }

    /** {@code \p{N}} (Nd, Nl or No), which is also Rust's {@code char::is_numeric}. */
    public static boolean isNumber(int cp) {
        return (flags(cp) & NUMERIC) != 0;
    }

    /** Regex {@code \w} with Unicode semantics. */
    public static boolean isWord(int cp) {
        return (flags(cp) & WORD) != 0;
    }

    /** The CJK ranges BERT surrounds with spaces. */
    public static boolean isChinese(int cp) {
        return (flags(cp) & CHINESE) != 0;
    }

    /** BERT's cleanup: whitespace, counting tab, newline and carriage return. */
    public static boolean isBertWhitespace(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r' || isWhitespace(cp);
    }

    /** BERT's control test: {@link #isOther} except tab, newline, carriage return. */
    public static boolean isBertControl(int cp) {
        return cp != '\t' && cp != '\n' && cp != '\r' && isOther(cp);
    }

    /** Number of UTF-8 bytes of a code point. */
    public static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
