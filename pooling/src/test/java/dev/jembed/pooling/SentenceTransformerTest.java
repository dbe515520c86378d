package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.pooling.config.DenseActivation;
import dev.jembed.pooling.config.PoolingConfig;
import dev.jembed.pooling.config.PoolingMode;
import dev.jembed.tools.safetensors.SafetensorsWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline end to end on the tiny models: text in, sentence-transformers' embedding out, equal
 * to Hugging Face's numbers to 1e-6; the pooling math alone is checked in {@link PoolingEquivalenceTest}.
 */
class SentenceTransformerTest {
    private static final double TOLERANCE = 1e-6;

    @TempDir
    Path tmp;

    private SentenceTransformer load(Path folder) {
        return SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert"})
    void textToHuggingFaceNumbers(String model) throws Exception {
        Fixtures.Tiny ref = Fixtures.tiny(model);
        Path folder = TinyModels.stFolder(tmp.resolve(model), model, TinyModels.MEAN, "Normalize");
        var root =
                (Map<?, ?>) dev.jembed.pooling.json.Json.parse(Fixtures.resource("tiny/" + model + "/reference.json"));
        @SuppressWarnings("unchecked")
        int[][] inputIds = Fixtures.ints2((List<Object>) root.get("input_ids"));
        List<String> texts = List.of(TinyModels.text(inputIds[0]), TinyModels.text(inputIds[1]));
        try (SentenceTransformer st = load(folder)) {
            int[][] tokens = st.tokenize(texts);
            for (int s = 0; s < 2; s++) assertArrayEquals(Arrays.copyOf(inputIds[s], ref.length(s)), tokens[s]);
            float[][] e = st.encode(texts);
            for (int s = 0; s < 2; s++) {
                for (int d = 0; d < 32; d++)
                    assertEquals(ref.meanPooledNormalized()[s][d], e[s][d], TOLERANCE, model + " " + s);
            }
            assertEquals(32, st.dimension());
            assertEquals(16, st.maxSeqLength());
            assertTrue(st.info().normalized());
        }
    }

    @Test
    void plainFolderFallsBackToMeanPoolingUnnormalized() throws Exception {
        Fixtures.Tiny ref = Fixtures.tiny("bert");
        Path folder = TinyModels.plainFolder(tmp.resolve("plain"), "bert");
        try (SentenceTransformer st = load(folder)) {
            assertEquals(1, st.warnings().size());
            assertTrue(st.warnings().getFirst().contains("mean pooling"));
            assertEquals("mean", st.info().pooling());
            assertFalse(st.info().normalized());
            assertEquals(64, st.maxSeqLength());
            float[] e = st.encode("w903 w269 w542 w194 w6");
            for (int d = 0; d < 32; d++) assertEquals(ref.meanPooled()[0][d], e[d], TOLERANCE);
        }
    }

    /** The hidden states the engine gives for {@code ids}, to check the glue against {@link SentenceHead} directly. */
    private static float[] hidden(Path folder, int[] ids) {
        try (Encoder enc = Encoders.load(folder)) {
            return enc.forward(new int[][] {ids}, null)[0];
        }
    }

    @Test
    void promptsIncludePromptTruncationAndOverrides() throws Exception {
        String pooling =
                "{\"word_embedding_dimension\": 32, \"pooling_mode_mean_tokens\": true, \"include_prompt\": false}";
        Path folder = TinyModels.stFolder(tmp.resolve("p"), "bert", pooling, "Normalize");
        Files.writeString(
                folder.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"query\": \"w5 w6 \", \"passage\": \"\"}, \"default_prompt_name\": \"query\", \"similarity_fn_name\": \"dot\"}");
        SentenceHead head = new SentenceHead(
                new Pooling(new PoolingConfig(32, EnumSet.of(PoolingMode.MEAN), false)), List.of(new Normalize()));
        int[] withPrompt = {101, 5, 6, 903, 269, 102};
        float[] h = hidden(folder, withPrompt);
        try (SentenceTransformer st = load(folder)) {
            assertEquals(SimilarityFunction.DOT, st.similarityFunction());
            // The default prompt "w5 w6 " tokenizes alone to [CLS] w5 w6 [SEP]: prompt_length 3 masks [CLS] w5 w6.
            float[] byDefault = st.encode("w903 w269");
            assertArrayEquals(head.embed(h, 0, withPrompt.length, 3, null, 0), byDefault);
            assertArrayEquals(
                    byDefault,
                    st.encode(List.of("w903 w269"), EncodeOptions.defaults().withPromptName("query"))
                            .floats()[0]);
            assertArrayEquals(
                    byDefault,
                    st.encode(List.of("w903 w269"), EncodeOptions.defaults().withPrompt("w5 w6 "))
                            .floats()[0]);
            // An empty prompt (passage) disables the default one.
            float[] plain = st.encode(
                            List.of("w903 w269"), EncodeOptions.defaults().withPromptName("passage"))
                    .floats()[0];
            int[] noPrompt = {101, 903, 269, 102};
            assertArrayEquals(head.embed(hidden(folder, noPrompt), 0, 4, 0, null, 0), plain);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> st.encode(List.of("x"), EncodeOptions.defaults().withPromptName("nope")));
            // Token counts are those of the sequences above: the default prompt counts, "passage" removes it.
            assertArrayEquals(
                    new int[] {withPrompt.length}, st.tokenCounts(List.of("w903 w269"), EncodeOptions.defaults()));
            assertArrayEquals(
                    new int[] {noPrompt.length, 2},
                    st.tokenCounts(
                            List.of("w903 w269", ""), EncodeOptions.defaults().withPromptName("passage")));
            String tooLong = String.join(" ", java.util.Collections.nCopies(40, "w500"));
            assertArrayEquals(
                    new int[] {st.maxSeqLength()}, st.tokenCounts(List.of(tooLong), EncodeOptions.defaults()));
            // truncate_dim after the model's Normalize, then normalize_embeddings on the cut vector.
            float[] cut = st.encode(
                            List.of("w903 w269"), EncodeOptions.defaults().withTruncateDim(8))
                    .floats()[0];
            assertArrayEquals(Arrays.copyOf(byDefault, 8), cut);
            float[] cutNormalized = st.encode(
                            List.of("w903 w269"),
                            EncodeOptions.defaults().withTruncateDim(8).withNormalize(true))
                    .floats()[0];
            assertArrayEquals(head.embed(h, 0, withPrompt.length, 3, true, 8), cutNormalized);
            float[] unnormalized = st.encode(
                            List.of("w903 w269"), EncodeOptions.defaults().withNormalize(false))
                    .floats()[0];
            assertArrayEquals(head.embed(h, 0, withPrompt.length, 3, false, 0), unnormalized);
        }
        try (SentenceTransformer st = SentenceTransformer.load(
                folder, LoadOptions.defaults().withThreads(1).withTruncateDim(4))) {
            assertEquals(4, st.encode("w903").length);
            assertEquals(4, st.info().outputDimension());
            assertEquals(
                    6,
                    st.encode(List.of("w903"), EncodeOptions.defaults().withTruncateDim(6))
                            .floats()[0]
                            .length);
        }
    }

    @Test
    void stripLowercaseTruncationAndTheEmptyString() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("t"), "bert", TinyModels.MEAN);
        try (SentenceTransformer st = load(folder)) {
            String longText = String.join(" ", java.util.Collections.nCopies(40, "w500"));
            int[][] ids = st.tokenize(List.of("", "  w7 w8 \u00a0\n", longText));
            assertArrayEquals(new int[] {101, 102}, ids[0]);
            assertArrayEquals(new int[] {101, 7, 8, 102}, ids[1]);
            assertEquals(16, ids[2].length); // max_seq_length includes [CLS] and [SEP]
            assertEquals(102, ids[2][15]);
            float[][] e = st.encode(List.of("", "w7 w8", " w7 w8 "));
            assertEquals(32, e[0].length);
            assertArrayEquals(e[1], e[2]);
        }
    }

    @Test
    void batchingAndSortingNeverChangeAVector() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("b"), "bert", TinyModels.MEAN, "Normalize");
        Random rnd = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0, n = rnd.nextInt(20); w < n; w++) sb.append(" w").append(110 + rnd.nextInt(880));
            texts.add(sb.toString());
        }
        try (SentenceTransformer st = load(folder)) {
            float[][] reference = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) reference[i] = st.encode(texts.get(i));
            for (int batch : new int[] {1, 4, 32}) {
                for (boolean sort : new boolean[] {true, false}) {
                    List<long[]> progress = new ArrayList<>();
                    EncodeResult e = st.encode(
                            texts,
                            EncodeOptions.defaults()
                                    .withBatchSize(batch)
                                    .withSortByLength(sort)
                                    .withProgress((done, total) -> progress.add(new long[] {done, total})));
                    assertArrayEquals(reference, e.floats(), "batch " + batch + " sort " + sort);
                    assertEquals((texts.size() + batch - 1) / batch, progress.size());
                    assertArrayEquals(new long[] {23, 23}, progress.getLast());
                }
            }
        }
    }

    @Test
    void quantizedOutputCoversTheWholeCall() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("q"), "bert", TinyModels.MEAN, "Normalize");
        List<String> texts = List.of("w903 w269", "w622 w918 w5", "w7", "w300 w301 w302 w303");
        try (SentenceTransformer st = load(folder)) {
            float[][] f = st.encode(texts);
            for (Precision p : Precision.values()) {
                EncodeResult q = st.encode(texts, EncodeOptions.defaults().withPrecision(p));
                EncodeResult expected = Quantization.quantize(f, p, null);
                assertEquals(p, q.precision());
                assertEquals(32, q.dimension());
                for (int i = 0; i < texts.size(); i++) {
                    if (p == Precision.FLOAT32) assertArrayEquals(expected.floats()[i], q.floats()[i]);
                    else assertArrayEquals(expected.intRow(i), q.intRow(i), p + " row " + i);
                }
            }
            QuantizationRanges ranges = QuantizationRanges.of(f);
            EncodeResult one = st.encode(
                    List.of("w7"),
                    EncodeOptions.defaults().withPrecision(Precision.INT8).withRanges(ranges));
            assertArrayEquals(
                    Quantization.quantize(new float[][] {f[2]}, Precision.INT8, ranges)
                            .intRow(0),
                    one.intRow(0));
        }
    }

    @Test
    void streamingMatchesTheListAndKeepsOrder() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("s"), "bert", TinyModels.MEAN, "Normalize");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 11; i++) texts.add("w" + (200 + i) + (i % 3 == 0 ? " w400 w401" : ""));
        try (SentenceTransformer st = load(folder)) {
            float[][] all = st.encode(texts);
            List<float[]> streamed = new ArrayList<>();
            List<Long> firsts = new ArrayList<>();
            st.encode(texts.stream(), EncodeOptions.defaults().withChunkSize(4).withBatchSize(3), (first, chunk) -> {
                firsts.add(first);
                streamed.addAll(Arrays.asList(chunk.floats()));
            });
            assertEquals(List.of(0L, 4L, 8L), firsts);
            assertArrayEquals(all, streamed.toArray(float[][]::new));
            List<byte[]> bits = new ArrayList<>();
            st.encode(
                    texts.iterator(),
                    EncodeOptions.defaults().withChunkSize(5).withPrecision(Precision.UBINARY),
                    (first, chunk) -> bits.addAll(Arrays.asList(chunk.bytes())));
            assertArrayEquals(
                    Quantization.quantize(all, Precision.UBINARY, null).bytes(), bits.toArray(byte[][]::new));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> st.encode(
                            texts.iterator(),
                            EncodeOptions.defaults().withPrecision(Precision.INT8),
                            (first, chunk) -> {}));
        }
    }

    @Test
    void denseModuleFromSafetensors() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("d"), "bert", TinyModels.MEAN, "Dense", "Normalize");
        Random rnd = new Random(5);
        float[] w = new float[16 * 32], b = new float[16];
        for (int i = 0; i < w.length; i++) w[i] = (float) rnd.nextGaussian() * 0.2f;
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian() * 0.1f;
        Files.writeString(
                folder.resolve("2_Dense/config.json"),
                "{\"in_features\": 32, \"out_features\": 16, \"bias\": true,"
                        + " \"activation_function\": \"torch.nn.modules.activation.Tanh\"}");
        SafetensorsWriter.write(
                folder.resolve("2_Dense/model.safetensors"),
                Map.of("format", "pt"),
                List.of(
                        SafetensorsWriter.Entry.f32("linear.weight", w, 16, 32),
                        SafetensorsWriter.Entry.f32("linear.bias", b, 16)));
        SentenceHead head = new SentenceHead(
                new Pooling(PoolingConfig.of(32, PoolingMode.MEAN)),
                List.of(new Dense(32, 16, w, b, DenseActivation.TANH, false, null), new Normalize()));
        int[] ids = {101, 903, 269, 102};
        float[] expected = head.embed(hidden(folder, ids), 0, ids.length, 0, null, 0);
        try (SentenceTransformer st = load(folder)) {
            assertEquals(16, st.dimension());
            assertArrayEquals(expected, st.encode("w903 w269"));
            assertEquals(
                    List.of(
                            "Transformer(max_seq_length=16, do_lower_case=False)",
                            "Pooling(mean, dimension=32)",
                            "Dense(32 -> 16, bias=True, activation=Tanh)",
                            "Normalize()"),
                    st.info().modules());
        }
        Files.delete(folder.resolve("2_Dense/model.safetensors"));
        SafetensorsWriter.write(
                folder.resolve("2_Dense/model.safetensors"),
                Map.of("format", "pt"),
                List.of(
                        SafetensorsWriter.Entry.f32("linear.weight", w, 32, 16),
                        SafetensorsWriter.Entry.f32("linear.bias", b, 16)));
        var e = assertThrows(dev.jembed.engine.ModelFileException.class, () -> load(folder));
        assertTrue(e.getMessage().contains("linear.weight"), e.getMessage());
    }

    @Test
    void concurrentCallersAndClose() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("c"), "bert", TinyModels.MEAN, "Normalize");
        SentenceTransformer st = load(folder);
        List<String> texts = List.of("w903 w269", "w622", "w5 w6 w7 w8 w9", "");
        float[][] expected = st.encode(texts);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][]>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) futures.add(pool.submit(() -> st.encode(texts)));
            for (Future<float[][]> f : futures) assertArrayEquals(expected, f.get());
        } finally {
            pool.shutdown();
        }
        st.close();
        st.close();
        assertThrows(IllegalStateException.class, () -> st.encode("w5"));
    }

    @Test
    void searchAndSimilarityUseTheModelFunction() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("x"), "bert", TinyModels.MEAN, "Normalize");
        try (SentenceTransformer st = load(folder)) {
            float[][] corpus = st.encode(List.of("w903 w269", "w622 w918", "w903 w270", "w7"));
            float[][] query = st.encode(List.of("w903 w269"));
            List<SearchHit> hits = st.search(query, corpus, 2).getFirst();
            assertEquals(0, hits.getFirst().corpusId());
            assertEquals(1f, hits.getFirst().score(), 1e-6f);
            assertEquals(st.similarity(query[0], corpus[1]), st.similarity(query, corpus)[0][1]);
            assertEquals(SimilarityFunction.COSINE, st.similarityFunction());
        }
    }
}
