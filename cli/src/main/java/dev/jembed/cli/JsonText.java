package dev.jembed.cli;

/**
 * The few JSON pieces the commands print: strings and numbers. Floats use Java's shortest
 * representation that reads back to the same float32 ({@code 0.0123}, {@code 1.0E-5}); both forms
 * are valid JSON numbers and parse exactly in Python.
 */
final class JsonText {
    private JsonText() {}

    /** {@code s} as a JSON string literal, quotes included. */
    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** A float32 as a JSON number; NaN and infinities, which JSON cannot express, as {@code null}. */
    public static String number(float f) {
        return Float.isFinite(f) ? Float.toString(f) : "null";
    }
}
