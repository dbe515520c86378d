package dev.jembed.pooling;

import java.nio.file.Path;
import java.util.List;

/**
 * Run in a forked JVM with a small heap by {@link LongTextMemoryTest}: embeds one text of many
 * millions of characters (and a short one) and prints the token count of the long one and both
 * vectors' bits, which must equal those of the text cut to its first words.
 */
public final class LongTextProbe {
    private LongTextProbe() {}

    public static void main(String[] args) {
        int words = Integer.parseInt(args[1]);
        StringBuilder sb = new StringBuilder(words * 5);
        for (int i = 0; i < words; i++) sb.append('w').append(100 + i % 800).append(' ');
        String text = sb.toString();
        sb = null;
        try (SentenceTransformer st = SentenceTransformer.load(
                Path.of(args[0]), LoadOptions.defaults().withThreads(1))) {
            float[][] e = st.encode(List.of(text, "w5 w6"));
            System.out.println("tokens " + st.tokenize(List.of(text))[0].length);
            System.out.println("long " + TierProbe.hex(e[0]));
            System.out.println("short " + TierProbe.hex(e[1]));
        }
    }
}
