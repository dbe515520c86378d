package dev.jembed.spark;

import org.apache.spark.sql.Row;

/**
 * Decides what text a row gives the model, or why it gives none: a null value, a column that is not
 * a string, or (with {@link SparkEmbedOptions.OnLong#ERROR}) a text over the length limit. Under
 * {@link SparkEmbedOptions.OnLong#TRUNCATE} a long text is cut to {@code maxChars} characters (never
 * between the two halves of a surrogate pair) before tokenization; its vector is the full text's
 * whenever the model's first {@code max_seq_length} tokens come from those characters, as they do
 * for any text whose first {@code maxChars} characters are not almost all whitespace or control
 * characters, since every token spans at least one character.
 */
final class TextCheck {
    private TextCheck() {}

    /** A text to embed, or the reason there is none (exactly one of them is set). */
    record Result(String text, String error) {}

    static Result check(Row row, int column, String nonStringType, int maxChars, SparkEmbedOptions.OnLong onLong) {
        if (row.isNullAt(column)) return new Result(null, "the text is null");
        if (nonStringType != null) return new Result(null, "the value is " + nonStringType + ", not a string");
        String text = row.getString(column);
        if (text.length() <= maxChars) return new Result(text, null);
        if (onLong == SparkEmbedOptions.OnLong.ERROR) {
            return new Result(
                    null,
                    "the text has " + text.length() + " characters, more than max_chars=" + maxChars
                            + " (on_long=truncate embeds its beginning instead)");
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return new Result(text.substring(0, end), null);
    }
}
