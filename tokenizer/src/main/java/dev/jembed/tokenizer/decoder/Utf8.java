package dev.jembed.tokenizer.decoder;

/**
 * UTF-8 decoding with Rust's {@code String::from_utf8_lossy} rule: each maximal invalid
 * subpart becomes one U+FFFD (the Unicode "substitution of maximal subparts" practice).
 */
final class Utf8 {
    private Utf8() {}

    public static String decodeLossy(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            if (c < 0xC2 || c > 0xF4) {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            int need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            int cp = c & (0xFF >> (need + 2));
            // Unicode's Table 3-7: after E0, ED, F0 and F4 the second byte's range is narrower
            int lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
            int hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                if (j >= n) {
                    ok = false;
                    break;
                }
                int d = b[j] & 0xFF;
                int l = k == 0 ? lo : 0x80;
                int h = k == 0 ? hi : 0xBF;
                if (d < l || d > h) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (d & 0x3F);
            }
            if (!ok) {
                sb.append('\uFFFD');
                i = j;
                continue;
            }
            sb.appendCodePoint(cp);
            i = j;
        }
        return sb.toString();
    }
}
