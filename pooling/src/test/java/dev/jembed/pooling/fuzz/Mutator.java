package dev.jembed.pooling.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Structure-aware mutations of a valid file, reproducible from a seed: bit flips, truncation, deleted,
 * duplicated and inserted ranges, invalid UTF-8, and for JSON a value replaced by one of another type or
 * an extreme number (2^62, 2^64, 1e999, -1 ...), a key/value pair duplicated, a value wrapped in deep
 * nesting; for binary formats, extreme little-endian integers and protobuf varints written over the bytes.
 */
public final class Mutator {

    private static final String[] NUMBERS = {"0", "-1", "1", "-0", "2", "7", "8", "4611686018427387904",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
            "2147483647", "2147483648", "-2147483649", "4294967296", "1e308", "1e999", "-1e999", "0.5", "1.0",
            "1E2", "00", "-0.0", "99999999999999999999999999999999999999999", "NaN", "Infinity", "65", "1024"};
    private static final String[] VALUES = {"null", "true", "false", "[]", "{}", "\"\"", "\"x\"", "[1,2]",
            "{\"a\":1}", "\"\\ud800\"", "\"\\u0000\"", "[null]", "[\"a\",\"b\"]", "{\"type\":\"x\"}", "\"../../x\"",
            "\"/etc/passwd\"", "\"a\\u0000b\""};
    private static final long[] LONGS = {0, 1, -1, 7, 8, 255, 256, 65535, 1L << 31, (1L << 31) - 1, 1L << 32,
            1L << 62, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_000L, 100_000_001L};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {0}};
    private static final byte[] SPECIAL = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '{', '}', '[', ']', '"', ',', ':', '\\', '\n', '.', '/'};

    private Mutator() {
    }

    /** 1 to 4 stacked mutations of {@code valid}, chosen by {@code seed}. */
    public static byte[] mutate(byte[] valid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = valid;
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) b = once(b, r);
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom r) {
        if (b.length == 0) return new byte[]{(byte) r.nextInt(256)};
        return switch (r.nextInt(14)) {
            case 0 -> flipBit(b, r);
            case 1 -> set(b, r.nextInt(b.length), new byte[]{SPECIAL[r.nextInt(SPECIAL.length)]});
            case 2 -> Arrays.copyOf(b, r.nextInt(b.length));
            case 3 -> deleteRange(b, r);
            case 4 -> duplicateRange(b, r);
            case 5 -> insert(b, r.nextInt(b.length + 1), randomBytes(r, 1 + r.nextInt(16)));
            case 6 -> insert(b, r.nextInt(b.length + 1), BAD_UTF8[r.nextInt(BAD_UTF8.length)]);
            case 7 -> replaceNumber(b, r);
            case 8 -> replaceValue(b, r, VALUES[r.nextInt(VALUES.length)]);
            case 9 -> duplicatePair(b, r);
            case 10 -> deepNest(b, r);
            case 11 -> set(b, r.nextInt(b.length), littleEndian(LONGS[r.nextInt(LONGS.length)], r.nextBoolean() ? 8 : 4));
            case 12 -> set(b, r.nextInt(b.length), varint(LONGS[r.nextInt(LONGS.length)]));
            default -> replaceValue(b, r, longString(r));
        };
    }

    private static byte[] flipBit(byte[] b, SplittableRandom r) {
        byte[] c = b.clone();
        int i = r.nextInt(c.length);
        c[i] ^= (byte) (1 << r.nextInt(8));
        return c;
    }

    /** Overwrites bytes from {@code at} (growing the array if they run past its end). */
    private static byte[] set(byte[] b, int at, byte[] bytes) {
        byte[] c = Arrays.copyOf(b, Math.max(b.length, at + bytes.length));
        System.arraycopy(bytes, 0, c, at, bytes.length);
        return c;
    }

    private static byte[] insert(byte[] b, int at, byte[] bytes) {
        byte[] c = new byte[b.length + bytes.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(bytes, 0, c, at, bytes.length);
        System.arraycopy(b, at, c, at + bytes.length, b.length - at);
        return c;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] c = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(with, 0, c, from, with.length);
        System.arraycopy(b, to, c, from + with.length, b.length - to);
        return c;
    }

    private static byte[] deleteRange(byte[] b, SplittableRandom r) {
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(Math.min(64, b.length - from)));
        return splice(b, from, to, new byte[0]);
    }

    private static byte[] duplicateRange(byte[] b, SplittableRandom r) {
        int from = r.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + r.nextInt(Math.min(64, b.length - from)));
        return insert(b, r.nextInt(b.length + 1), Arrays.copyOfRange(b, from, to));
    }

    private static byte[] randomBytes(SplittableRandom r, int n) {
        byte[] c = new byte[n];
        for (int i = 0; i < n; i++) c[i] = (byte) r.nextInt(256);
        return c;
    }

    private static byte[] replaceNumber(byte[] b, SplittableRandom r) {
        int start = find(b, r.nextInt(b.length), c -> c >= '0' && c <= '9' || c == '-');
        if (start < 0) return b;
        int end = start;
        while (end < b.length && (b[end] >= '0' && b[end] <= '9' || b[end] == '-' || b[end] == '.' || b[end] == 'e' || b[end] == 'E' || b[end] == '+')) end++;
        return splice(b, start, end, ascii(NUMBERS[r.nextInt(NUMBERS.length)]));
    }

    /** Replaces the JSON value after a ':' (or the element after a '[' or ',') by {@code value}. */
    private static byte[] replaceValue(byte[] b, SplittableRandom r, String value) {
        int at = find(b, r.nextInt(b.length), c -> c == ':' || c == '[' || c == ',');
        if (at < 0) return b;
        int start = at + 1;
        int end = valueEnd(b, start);
        return splice(b, start, end, ascii(value));
    }

    /** Duplicates the {@code "key": value} pair that follows a '{' or ','. */
    private static byte[] duplicatePair(byte[] b, SplittableRandom r) {
        int at = find(b, r.nextInt(b.length), c -> c == '{' || c == ',');
        if (at < 0) return b;
        int colon = at + 1;
        while (colon < b.length && b[colon] != ':') {
            if (b[colon] == '{' || b[colon] == '[' || b[colon] == '}') return b;
            colon++;
        }
        if (colon >= b.length) return b;
        int end = valueEnd(b, colon + 1);
        byte[] pair = Arrays.copyOfRange(b, at + 1, end);
        byte[] withComma = new byte[pair.length + 1];
        System.arraycopy(pair, 0, withComma, 0, pair.length);
        withComma[pair.length] = ',';
        return insert(b, at + 1, withComma);
    }

    private static byte[] deepNest(byte[] b, SplittableRandom r) {
        int depth = r.nextInt(4) == 0 ? 5_000 + r.nextInt(50_000) : 1 + r.nextInt(200);
        boolean array = r.nextBoolean();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) s.append(array ? "[" : "{\"a\":");
        s.append('1');
        for (int i = 0; i < depth; i++) s.append(array ? ']' : '}');
        return replaceValue(b, r, s.toString());
    }

    private static String longString(SplittableRandom r) {
        int n = r.nextInt(3) == 0 ? 100_000 + r.nextInt(200_000) : 1 + r.nextInt(300);
        return "\"" + "a".repeat(n) + "\"";
    }

    /** The end of the JSON value starting at {@code start}: the next ',' ']' or '}' at its own depth, outside strings. */
    private static int valueEnd(byte[] b, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < b.length; i++) {
            byte c = b[i];
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']' || c == ',') {
                if (depth == 0) return i;
                if (c != ',') depth--;
            }
        }
        return b.length;
    }

    private interface BytePredicate {
        boolean test(byte c);
    }

    /** The first index at or after {@code from} (wrapping around) whose byte matches, or -1. */
    private static int find(byte[] b, int from, BytePredicate p) {
        for (int k = 0; k < b.length; k++) {
            int i = (from + k) % b.length;
            if (p.test(b[i])) return i;
        }
        return -1;
    }

    private static byte[] littleEndian(long v, int bytes) {
        byte[] c = new byte[bytes];
        for (int i = 0; i < bytes; i++) c[i] = (byte) (v >>> (8 * i));
        return c;
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
