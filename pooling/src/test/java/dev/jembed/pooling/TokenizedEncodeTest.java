package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SentenceTransformer#tokenize(String, EncodeOptions, boolean)} and
 * {@link SentenceTransformer#encodeTokenized}: the two halves of {@code encode}, as a server uses
 * them, give encode's vectors bit for bit whatever the inputs are batched with.
 */
class TokenizedEncodeTest {
    @TempDir
    Path tmp;

    @Test
    void halvesOfEncodeGiveEncodesVectorsInAnyBatch() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("bert"), "bert", TinyModels.MEAN, "Normalize");
        try (SentenceTransformer st =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(2))) {
            List<String> texts = List.of("w903 w269 w542", "w5", "w10 w11 w12 w13 w14 w15 w16 w17 w18", "w7 w8");
            List<TokenizedText> tokenized = new ArrayList<>();
            for (String t : texts) tokenized.add(st.tokenize(t, EncodeOptions.defaults(), false));
            for (EncodeOptions options : List.of(
                    EncodeOptions.defaults(),
                    EncodeOptions.defaults().withTruncateDim(8).withNormalize(true),
                    EncodeOptions.defaults().withNormalize(false))) {
                float[][] together = st.encodeTokenized(tokenized, options.withBatchSize(texts.size()))
                        .floats();
                float[][] reversed = st.encodeTokenized(tokenized.reversed(), options.withBatchSize(2))
                        .floats();
                for (int i = 0; i < texts.size(); i++) {
                    float[] alone = st.encode(List.of(texts.get(i)), options).floats()[0];
                    assertArrayEquals(alone, together[i], texts.get(i));
                    assertArrayEquals(alone, reversed[texts.size() - 1 - i], texts.get(i));
                }
            }
        }
    }

    @Test
    void countsTokensBeforeTruncationAndCutsEitherEnd() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("bert"), "bert", TinyModels.MEAN);
        try (SentenceTransformer st =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1))) {
            StringBuilder words = new StringBuilder();
            for (int i = 0; i < 20; i++) words.append("w").append(200 + i).append(' ');
            String text = words.toString();
            TokenizedText right = st.tokenize(text, EncodeOptions.defaults(), false);
            TokenizedText left = st.tokenize(text, EncodeOptions.defaults(), true);
            // 20 words + [CLS] + [SEP], cut to max_seq_length 16
            assertEquals(22, right.untruncatedLength());
            assertTrue(right.truncated());
            assertArrayEquals(
                    new int[] {101, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 102},
                    right.ids());
            assertArrayEquals(
                    new int[] {101, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 102},
                    left.ids());
            assertArrayEquals(st.tokenize(List.of(text))[0], right.ids(), "the cut encode makes");
            assertArrayEquals(
                    st.encode(text),
                    st.encodeTokenized(List.of(right), EncodeOptions.defaults()).floats()[0]);

            TokenizedText shortText = st.tokenize("w5 w6", EncodeOptions.defaults(), true);
            assertFalse(shortText.truncated());
            assertEquals(4, shortText.untruncatedLength());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> st.tokenize("x", EncodeOptions.defaults().withPromptName("nope"), false));
        }
    }

    @Test
    void promptTokensAreCountedAndLeftOutOfPooling() throws Exception {
        String pooling =
                "{\"word_embedding_dimension\": 32, \"pooling_mode_mean_tokens\": true, \"include_prompt\": false}";
        Path folder = TinyModels.stFolder(tmp.resolve("bert"), "bert", pooling);
        Files.writeString(
                folder.resolve("config_sentence_transformers.json"), "{\"prompts\": {\"query\": \"w5 w6 \"}}");
        try (SentenceTransformer st =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1))) {
            EncodeOptions query = EncodeOptions.defaults().withPromptName("query");
            TokenizedText t = st.tokenize("w903 w269", query, false);
            assertArrayEquals(new int[] {101, 5, 6, 903, 269, 102}, t.ids());
            assertEquals(3, t.promptLength());
            assertArrayEquals(
                    st.encode(List.of("w903 w269"), query).floats()[0],
                    st.encodeTokenized(List.of(t), EncodeOptions.defaults()).floats()[0]);
            assertThrows(IllegalArgumentException.class, () -> new TokenizedText(new int[3], new int[2], 0, 3));
            assertFalse(Arrays.equals(
                    st.encode("w903 w269"),
                    st.encodeTokenized(List.of(t), EncodeOptions.defaults()).floats()[0]));
        }
    }
}
