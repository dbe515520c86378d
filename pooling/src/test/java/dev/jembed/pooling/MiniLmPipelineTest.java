package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.WeightFormat;
import dev.jembed.tools.onnx.OnnxToSafetensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real all-MiniLM-L6-v2, loaded as a sentence-transformers folder (the official small files,
 * safetensors rebuilt by the engine's ONNX importer from the Maven Central ONNX, the
 * tokenizer.json of the same artifact) gives the embeddings ONNX Runtime computed for the ten
 * reference sentences, including the empty string and a text longer than 256 tokens, to 1e-6
 * (measured: 1.8e-7 on AVX-512; the engine alone promises 2e-5).
 */
class MiniLmPipelineTest {
    private static final double TOLERANCE = 1e-6;
    private static final long SAFETENSORS_BYTES = 90_868_376L;
    private static Path folder;

    /** pooling/target/minilm-st/: built once, reused by later runs. */
    @BeforeAll
    static void buildFolder() throws Exception {
        Path work = Path.of("target", "minilm-st").toAbsolutePath();
        Files.createDirectories(work);
        try (Stream<Path> s = Files.walk(Fixtures.resource("minilm/st-config"))) {
            Path src = Fixtures.resource("minilm/st-config");
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path dst = work.resolve(src.relativize(p).toString());
                Files.createDirectories(dst.getParent());
                Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        copyResource("all-minilm-l6-v2-tokenizer.json", work.resolve("tokenizer.json"));
        Path weights = work.resolve("model.safetensors");
        if (!Files.isRegularFile(weights) || Files.size(weights) != SAFETENSORS_BYTES) {
            Path onnx = work.resolve("all-minilm-l6-v2.onnx");
            copyResource("all-minilm-l6-v2.onnx", onnx);
            OnnxToSafetensors.convert(onnx, weights);
            Files.delete(onnx);
        }
        folder = work;
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = MiniLmPipelineTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null)
                throw new IllegalStateException("test resource " + name + " missing (langchain4j test dependency)");
            Path tmp = Files.createTempFile(to.getParent(), ".copy", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Test
    void tenReferenceSentences() {
        List<Fixtures.MiniLmSentence> ref = Fixtures.miniLm();
        List<String> texts = ref.stream().map(Fixtures.MiniLmSentence::text).toList();
        try (SentenceTransformer st =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(2))) {
            assertEquals(384, st.dimension());
            assertEquals(256, st.maxSeqLength());
            assertEquals(List.of(), st.warnings());
            int[][] ids = st.tokenize(texts);
            for (int i = 0; i < texts.size(); i++) assertArrayEquals(ref.get(i).inputIds(), ids[i], texts.get(i));
            assertArrayEquals(new int[] {101, 102}, ids[8], "the empty string is [CLS] [SEP]");
            assertEquals(256, ids[9].length, "the long text is truncated to max_seq_length");
            float[][] e = st.encode(texts);
            for (int i = 0; i < texts.size(); i++) {
                double worst = 0;
                for (int d = 0; d < 384; d++)
                    worst = Math.max(worst, Math.abs(e[i][d] - ref.get(i).embedding()[d]));
                assertTrue(worst <= TOLERANCE, texts.get(i) + ": max abs diff " + worst);
            }
            Map<String, Double> cos = Fixtures.miniLmCosines();
            assertEquals(cos.get("0-1"), st.similarity(e[0], e[1]), 1e-6);
            assertEquals(cos.get("0-2"), st.similarity(e[0], e[2]), 1e-6);
            assertEquals(cos.get("1-2"), st.similarity(e[1], e[2]), 1e-6);
            assertEquals(
                    "0.8824 0.4583 0.5019",
                    String.format(
                            java.util.Locale.ROOT,
                            "%.4f %.4f %.4f",
                            st.similarity(e[0], e[1]),
                            st.similarity(e[0], e[2]),
                            st.similarity(e[1], e[2])));
            List<SearchHit> top = st.search(new float[][] {e[0]}, e, 3).getFirst();
            assertEquals(List.of(0, 1, 2), top.stream().map(SearchHit::corpusId).toList());
            ModelInfo info = st.info();
            assertEquals("BERT", info.architecture());
            assertEquals(6, info.layers());
            assertEquals("mean", info.pooling());
            assertTrue(info.normalized());
            assertEquals("cosine", info.similarity());
        }
    }

    /** bf16 and int8 weights: the same pipeline within rounding noise of the float32 references. */
    @Test
    void reducedPrecisionWeightsStayCloseToTheReferences() {
        List<Fixtures.MiniLmSentence> ref = Fixtures.miniLm();
        List<String> texts = ref.stream().map(Fixtures.MiniLmSentence::text).toList();
        for (WeightFormat format : List.of(WeightFormat.BF16, WeightFormat.INT8)) {
            try (SentenceTransformer st = SentenceTransformer.load(
                    folder, LoadOptions.defaults().withThreads(2).withWeights(format))) {
                assertEquals(format.id(), st.info().weights());
                float[][] e = st.encode(texts);
                for (int i = 0; i < texts.size(); i++) {
                    double cos = 0;
                    for (int d = 0; d < 384; d++)
                        cos += (double) e[i][d] * ref.get(i).embedding()[d];
                    assertTrue(cos > 0.995, format + " " + texts.get(i) + ": cosine to the reference " + cos);
                }
            }
        }
    }
}
