package dev.jembed.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Long texts are tokenized only as far as truncation needs (a prefix cut at a space), and the
 * result is exactly that of tokenizing the whole text and truncating it: ids, type ids, offsets
 * and special-token masks, for WordPiece (all-MiniLM-L6-v2's tokenizer.json) and byte-level BPE
 * (GPT-2), at several truncation lengths, with and without a preprocessing step.
 */
class LongTextTruncationTest {

    @Test
    void wordPieceGivesTheResultOfTheWholeText() throws IOException {
        check(Tokenizer.fromFile(Djl.resourceFile("bert-tokenizer.json", ".json")));
    }

    @Test
    void byteLevelBpeGivesTheResultOfTheWholeText() throws IOException {
        check(Tokenizer.fromFile(Djl.resourceFile(ByteLevelBpeDifferentialTest.DIR + "gpt2/tokenizer.json", ".json")));
    }

    private static void check(Tokenizer base) {
        List<String> texts = longTexts();
        UnaryOperator<String> lower = s -> s.strip().toLowerCase(Locale.ROOT);
        int prefixOnly = 0;
        for (int max : new int[] {16, 256}) {
            Tokenizer t = base.withoutPadding().withTruncation(max, TruncationStrategy.LONGEST_FIRST);
            Tokenizer whole = t.wholeTexts();
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                for (UnaryOperator<String> prepare : List.of(UnaryOperator.<String>identity(), lower)) {
                    AtomicInteger longest = new AtomicInteger();
                    Encoding got = t.encode(text, true, s -> {
                        longest.accumulateAndGet(s.length(), Math::max);
                        return prepare.apply(s);
                    });
                    Encoding expected = whole.encode(prepare.apply(text), true);
                    String what = "text " + i + " (" + text.length() + " chars), max " + max;
                    assertArrayEquals(expected.ids(), got.ids(), what);
                    assertArrayEquals(expected.typeIds(), got.typeIds(), what);
                    assertArrayEquals(expected.specialTokensMask(), got.specialTokensMask(), what);
                    assertArrayEquals(expected.startOffsets(), got.startOffsets(), what);
                    assertArrayEquals(expected.endOffsets(), got.endOffsets(), what);
                    assertArrayEquals(expected.tokens(), got.tokens(), what);
                    if (longest.get() < text.length()) prefixOnly++;
                }
            }
        }
        // most long texts were read only in part (not all: some have no place to cut)
        assertTrue(prefixOnly >= texts.size() * 2, "texts tokenized from a prefix: " + prefixOnly);
    }

    /** Texts of 10k to 160k characters: fuzz pieces (every script, punctuation, emoji, odd spaces) joined by spaces and newlines. */
    private static List<String> longTexts() {
        List<String> pieces = FuzzCorpus.generate(77, 3000);
        SplittableRandom r = new SplittableRandom(5);
        List<String> out = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            StringBuilder sb = new StringBuilder();
            if (t % 3 == 0) sb.append("  \t ");
            int target = 10_000 + r.nextInt(t == 7 ? 150_000 : 20_000);
            while (sb.length() < target)
                sb.append(pieces.get(r.nextInt(pieces.size()))).append(r.nextInt(7) == 0 ? "\n" : " ");
            if (t == 5) sb.append("ΣΑΣ ΟΔΟΣ ".repeat(2000)); // final sigma at every cut candidate
            out.add(sb.toString());
        }
        out.add("word ".repeat(2) + "x".repeat(30_000)); // no place to cut after the start: tokenized whole
        out.add("東京".repeat(10_000) + " tail"); // CJK without spaces, then one cut point
        return out;
    }
}
