package dev.jembed.tokenizer.decoder;

/** Removes up to {@code start} leading and {@code stop} trailing occurrences of a character from every token. */
public record StripDecoder(int content, int start, int stop) implements TokenDecoder {
    @Override
    public String decodeToken(String t, int position, int count) {
        int[] cps = t.codePoints().toArray();
        int startCut = 0;
        for (int i = 0; i < Math.min(start, cps.length); i++) {
            if (cps[i] != content) {
                break;
            }
            startCut = i + 1;
        }
        int stopCut = cps.length;
        for (int i = 0; i < stop && cps.length - i - 1 >= 0; i++) {
            int index = cps.length - i - 1;
            if (cps[index] != content) {
                break;
            }
            stopCut = index;
        }
        return new String(cps, startCut, Math.max(0, stopCut - startCut));
    }
}
