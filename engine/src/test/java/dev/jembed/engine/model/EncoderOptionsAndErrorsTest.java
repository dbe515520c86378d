package dev.jembed.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.config.HiddenAct;
import dev.jembed.engine.safetensors.SafetensorsWeights;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config options beyond the references (activation, eps, kernels, threads) checked against an
 * independent double-precision BERT, and every way a model or an input can be wrong.
 */
class EncoderOptionsAndErrorsTest {
    private static Weights bert;
    private static EncoderConfig bertConfig;
    private static final int[] IDS = {101, 903, 269, 542, 194, 6, 102};
    private static final int[] TYPES = {0, 0, 0, 0, 1, 1, 1};

    @BeforeAll
    static void open() {
        bert = SafetensorsWeights.open(Fixtures.tinyModel("bert"));
        bertConfig = EncoderConfig.read(Fixtures.tinyModel("bert").resolve("config.json"));
    }

    @AfterAll
    static void close() {
        bert.close();
    }

    private static EncoderConfig with(EncoderConfig c, HiddenAct act, double eps) {
        return new EncoderConfig(
                c.architecture(),
                c.vocabSize(),
                c.hiddenSize(),
                c.numHiddenLayers(),
                c.numAttentionHeads(),
                c.intermediateSize(),
                act,
                eps,
                c.maxPositionEmbeddings(),
                c.typeVocabSize(),
                c.padTokenId());
    }

    private static void matchesNaive(EncoderConfig config, EngineOptions options) {
        int[] positions = new int[IDS.length];
        for (int t = 0; t < positions.length; t++) positions[t] = t;
        double[][] expected = new NaiveBert(bert, config).forward(IDS, TYPES, positions);
        try (Encoder encoder = BertModel.load(bert, config, options)) {
            float[] actual = encoder.forward(new int[][] {IDS}, new int[][] {TYPES})[0];
            for (int t = 0; t < IDS.length; t++) {
                for (int i = 0; i < 32; i++) {
                    assertEquals(
                            expected[t][i],
                            actual[t * 32 + i],
                            1e-5,
                            config.hiddenAct() + " eps " + config.layerNormEps() + " [" + t + "," + i + "]");
                }
            }
        }
    }

    @Test
    void naiveReferenceAgreesWithTransformers() {
        var ref = TestJson.resource("tiny/bert/reference.json");
        float[] expected = TestJson.floats(TestJson.map(ref.get("outputs")).get("last_hidden_state"));
        int[] ids = TestJson.ints2(ref.get("input_ids"))[0];
        int[] positions = {0, 1, 2, 3, 4, 5, 6};
        double[][] naive = new NaiveBert(bert, bertConfig).forward(ids, new int[7], positions);
        for (int t = 0; t < 7; t++) {
            for (int i = 0; i < 32; i++) assertEquals(expected[t * 32 + i], naive[t][i], 2e-6);
        }
    }

    @Test
    void activationEpsAndTokenTypesFollowTheConfig() {
        EngineOptions options = EngineOptions.defaults().withThreads(2);
        matchesNaive(bertConfig, options);
        matchesNaive(with(bertConfig, HiddenAct.GELU_TANH, 1e-12), options);
        matchesNaive(with(bertConfig, HiddenAct.GELU, 0.5), options);
        matchesNaive(with(bertConfig, HiddenAct.GELU_TANH, 1e-3), options.withKernels("scalar"));
    }

    @Test
    void scalarAndVectorKernelsAgree() {
        try (Encoder vector = BertModel.load(
                        bert, bertConfig, EngineOptions.defaults().withKernels("auto"));
                Encoder scalar = BertModel.load(
                        bert, bertConfig, EngineOptions.defaults().withKernels("scalar"))) {
            float[] a = vector.forward(new int[][] {IDS}, null)[0], b = scalar.forward(new int[][] {IDS}, null)[0];
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5);
        }
    }

    @Test
    void badInputsAreIllegalArguments() {
        try (Encoder encoder =
                BertModel.load(bert, bertConfig, EngineOptions.defaults().withThreads(2))) {
            assertEquals(0, encoder.forward(new int[0][], null).length);
            int[] longest = new int[64];
            assertEquals(64 * 32, encoder.forward(new int[][] {longest}, null)[0].length);
            expectIllegal(encoder, new int[][] {new int[65]}, null, "65 tokens", "at most 64");
            expectIllegal(encoder, new int[][] {{101, -1, 102}}, null, "token 1", "id -1", "[0, 1000)");
            expectIllegal(encoder, new int[][] {{101, 102}, {101, 1000, 102}}, null, "sequence 1", "id 1000");
            expectIllegal(encoder, new int[][] {{101, Integer.MAX_VALUE}}, null, "outside the vocabulary");
            expectIllegal(encoder, new int[][] {{101, 5, 102}}, new int[][] {{0, 2, 0}}, "token type 2", "[0, 2)");
            expectIllegal(encoder, new int[][] {{101, 5, 102}}, new int[][] {{0, -1, 0}}, "token type -1");
            expectIllegal(encoder, new int[][] {{101, 5, 102}}, new int[][] {{0, 0}}, "tokenTypeIds length 2");
            expectIllegal(
                    encoder, new int[][] {{101, 5, 102}}, new int[][] {{0, 0, 0}, {0}}, "tokenTypeIds has 2 sequences");
            expectIllegal(encoder, new int[][] {{}}, null, "sequence 0 is empty");
            expectIllegal(encoder, new int[][] {null}, null, "sequence 0 is null");
            expectIllegal(encoder, null, null, "inputIds is null");
        }
        try (Encoder distil = Encoders.load(
                Fixtures.tinyModel("distilbert"), EngineOptions.defaults().withThreads(1))) {
            // DistilBERT has no token types and ignores them, as Hugging Face does.
            assertArrayEquals(
                    distil.forward(new int[][] {IDS}, null), distil.forward(new int[][] {IDS}, new int[][] {{9}}));
            expectIllegal(distil, new int[][] {new int[65]}, null, "at most 64");
        }
        try (Encoder roberta = Encoders.load(
                Fixtures.tinyModel("roberta"), EngineOptions.defaults().withThreads(1))) {
            expectIllegal(roberta, new int[][] {new int[65]}, null, "65 tokens", "at most 64");
            expectIllegal(roberta, new int[][] {{0, 5, 2}}, new int[][] {{0, 1, 0}}, "token type 1", "[0, 1)");
        }
    }

    private static void expectIllegal(Encoder encoder, int[][] ids, int[][] types, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.forward(ids, types));
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
    }

    @Test
    void closedEncoderRefusesWork() {
        Encoder encoder =
                BertModel.load(bert, bertConfig, EngineOptions.defaults().withThreads(2));
        encoder.close();
        assertThrows(IllegalStateException.class, () -> encoder.forward(new int[][] {IDS}, null));
        encoder.close();
    }

    @Test
    void missingTensorsAreAllNamed() {
        MapWeights w = MapWeights.copyOf(bert)
                .remove("encoder.layer.1.attention.self.key.bias")
                .remove("embeddings.LayerNorm.weight")
                .remove("encoder.layer.0.output.dense.weight");
        MissingTensorException e = assertThrows(
                MissingTensorException.class, () -> BertModel.load(w, bertConfig, EngineOptions.defaults()));
        assertEquals(
                List.of(
                        "embeddings.LayerNorm.weight",
                        "encoder.layer.0.output.dense.weight",
                        "encoder.layer.1.attention.self.key.bias"),
                e.missing());
        assertTrue(e.getMessage().contains(bert.source().toString()), e.getMessage());

        // A DistilBERT config over BERT weights: every DistilBERT name is missing, listed in one exception.
        EncoderConfig distil =
                EncoderConfig.read(Fixtures.tinyModel("distilbert").resolve("config.json"));
        MissingTensorException wrong = assertThrows(
                MissingTensorException.class, () -> DistilBertModel.load(bert, distil, EngineOptions.defaults()));
        assertTrue(wrong.missing().size() == 2 * 16, wrong.missing().toString());
        assertTrue(wrong.missing().contains("transformer.layer.1.ffn.lin2.bias"));
    }

    @Test
    void shapesAreCheckedAgainstTheConfig() {
        MapWeights w =
                MapWeights.copyOf(bert).put("encoder.layer.1.intermediate.dense.weight", new float[32 * 63], 63, 32);
        ModelFileException e =
                assertThrows(ModelFileException.class, () -> BertModel.load(w, bertConfig, EngineOptions.defaults()));
        assertTrue(
                e.getMessage()
                        .contains(
                                "encoder.layer.1.intermediate.dense.weight has shape [63, 32], config.json implies [64, 32]"),
                e.getMessage());
        assertEquals(bert.source(), e.file());

        EncoderConfig wider =
                new EncoderConfig(Architecture.BERT, 1000, 32, 2, 4, 128, HiddenAct.GELU, 1e-12, 64, 2, 0);
        ModelFileException all =
                assertThrows(ModelFileException.class, () -> BertModel.load(bert, wider, EngineOptions.defaults()));
        for (int l = 0; l < 2; l++) {
            assertTrue(
                    all.getMessage().contains("encoder.layer." + l + ".intermediate.dense.bias has shape [64]"),
                    all.getMessage());
            assertTrue(all.getMessage()
                    .contains("encoder.layer." + l
                            + ".output.dense.weight has shape [32, 64], config.json implies [32, 128]"));
        }
        EncoderConfig morePositions =
                new EncoderConfig(Architecture.BERT, 1000, 32, 2, 4, 64, HiddenAct.GELU, 1e-12, 512, 2, 0);
        assertThrows(ModelFileException.class, () -> BertModel.load(bert, morePositions, EngineOptions.defaults()));
        EncoderConfig fewerLayers =
                new EncoderConfig(Architecture.BERT, 1000, 32, 1, 4, 64, HiddenAct.GELU, 1e-12, 64, 2, 0);
        // weights of more layers than config.json declares: refused, not run as a silently truncated network
        ModelFileException fewer = assertThrows(
                ModelFileException.class, () -> BertModel.load(bert, fewerLayers, EngineOptions.defaults()));
        assertTrue(
                fewer.getMessage().contains("num_hidden_layers 1 but the weights hold 2 layers"), fewer.getMessage());
        MapWeights badPooler = MapWeights.copyOf(bert).put("pooler.dense.bias", new float[31], 31);
        assertThrows(ModelFileException.class, () -> BertModel.load(badPooler, bertConfig, EngineOptions.defaults()));
        MapWeights noPooler =
                MapWeights.copyOf(bert).remove("pooler.dense.weight").remove("pooler.dense.bias");
        try (BertModel encoder = BertModel.load(noPooler, bertConfig, EngineOptions.defaults())) {
            assertFalse(encoder.hasPooler());
            assertThrows(IllegalStateException.class, () -> encoder.poolerOutput(new float[32]));
        }
    }

    @Test
    void architectureMismatchIsRefused() {
        EncoderConfig roberta = EncoderConfig.read(Fixtures.tinyModel("roberta").resolve("config.json"));
        assertThrows(IllegalArgumentException.class, () -> BertModel.load(bert, roberta, EngineOptions.defaults()));
        assertThrows(
                IllegalArgumentException.class, () -> RobertaModel.load(bert, bertConfig, EngineOptions.defaults()));
        assertThrows(
                IllegalArgumentException.class, () -> DistilBertModel.load(bert, bertConfig, EngineOptions.defaults()));
    }

    @Test
    void modelFolders(@TempDir Path dir) throws IOException {
        ModelFileException noConfig = assertThrows(ModelFileException.class, () -> Encoders.load(dir));
        assertTrue(noConfig.getMessage().contains("config.json"), noConfig.getMessage());
        Files.copy(Fixtures.tinyModel("bert").resolve("config.json"), dir.resolve("config.json"));
        assertThrows(ModelFileException.class, () -> Encoders.load(dir));
        Files.copy(Fixtures.tinyModel("bert").resolve("model.safetensors"), dir.resolve("model.safetensors"));
        try (Encoder encoder = Encoders.load(dir, EngineOptions.defaults().withThreads(2))) {
            assertEquals(32, encoder.hiddenSize());
            assertEquals(64, encoder.maxSequenceLength());
            assertEquals(bertConfig, encoder.config());
        }
        Files.writeString(
                dir.resolve("config.json"),
                Files.readString(dir.resolve("config.json")).replace("\"BertModel\"", "\"MPNetModel\""));
        ModelFileException unsupported = assertThrows(ModelFileException.class, () -> Encoders.load(dir));
        assertTrue(unsupported.getMessage().contains("unsupported architecture MPNetModel"), unsupported.getMessage());
    }

    @Test
    void engineOptions() {
        assertThrows(
                IllegalArgumentException.class, () -> EngineOptions.defaults().withThreads(0));
        assertEquals(3, EngineOptions.defaults().withThreads(3).threads());
        String old = System.getProperty(EngineOptions.THREADS_PROPERTY);
        try {
            System.setProperty(EngineOptions.THREADS_PROPERTY, "3");
            assertEquals(3, EngineOptions.defaults().threads());
            System.setProperty(EngineOptions.THREADS_PROPERTY, "zero");
            assertThrows(IllegalArgumentException.class, EngineOptions::defaults);
            System.setProperty(EngineOptions.THREADS_PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, EngineOptions::defaults);
        } finally {
            if (old == null) System.clearProperty(EngineOptions.THREADS_PROPERTY);
            else System.setProperty(EngineOptions.THREADS_PROPERTY, old);
        }
    }
}
