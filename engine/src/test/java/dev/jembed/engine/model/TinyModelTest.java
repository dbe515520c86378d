package dev.jembed.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.Encoders;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.safetensors.SafetensorsWeights;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.engine.testing.Fixtures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tiny random models saved by Hugging Face transformers 4.31 (resources tiny/, see SOURCES.md there):
 * jembed's last_hidden_state matches transformers at every valid position, batched and alone.
 */
class TinyModelTest {
    private static final double TOLERANCE = 1e-5;

    static Path folder(String kind) {
        return Fixtures.tinyModel(kind);
    }

    /** The valid (unpadded) part of each row, by the attention mask. */
    static int[][] strip(int[][] rows, int[][] mask) {
        int[][] out = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            int len = 0;
            while (len < mask[i].length && mask[i][len] == 1) len++;
            for (int t = len; t < mask[i].length; t++) assertEquals(0, mask[i][t], "mask is a prefix");
            out[i] = Arrays.copyOf(rows[i], len);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert", "roberta"})
    void lastHiddenStateMatchesTransformersBatchedAndAlone(String kind) {
        Map<String, Object> ref = TestJson.resource("tiny/" + kind + "/reference.json");
        int[][] mask = TestJson.ints2(ref.get("attention_mask"));
        int[][] ids = strip(TestJson.ints2(ref.get("input_ids")), mask);
        int[][] types =
                ref.get("token_type_ids") == null ? null : strip(TestJson.ints2(ref.get("token_type_ids")), mask);
        float[] expected = TestJson.floats(TestJson.map(ref.get("outputs")).get("last_hidden_state"));
        int padded = mask[0].length;

        for (int threads : new int[] {1, 3}) {
            try (Encoder encoder =
                    Encoders.load(folder(kind), EngineOptions.defaults().withThreads(threads))) {
                int hidden = encoder.hiddenSize();
                assertEquals(32, hidden);
                float[][] batch = encoder.forward(ids, types);
                for (int s = 0; s < ids.length; s++) {
                    float[] alone =
                            encoder.forward(new int[][] {ids[s]}, types == null ? null : new int[][] {types[s]})[0];
                    assertArrayEquals(batch[s], alone, 0f, kind + ": sequence " + s + " alone vs batched");
                    assertEquals(ids[s].length * hidden, batch[s].length);
                    double worst = 0;
                    for (int i = 0; i < batch[s].length; i++) {
                        worst = Math.max(worst, Math.abs(batch[s][i] - expected[s * padded * hidden + i]));
                    }
                    assertTrue(worst <= TOLERANCE, kind + " sequence " + s + ": max abs diff " + worst);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "roberta"})
    void poolerOutputMatchesTransformers(String kind) {
        Map<String, Object> ref = TestJson.resource("tiny/" + kind + "/reference.json");
        int[][] ids = strip(TestJson.ints2(ref.get("input_ids")), TestJson.ints2(ref.get("attention_mask")));
        float[] expected = TestJson.floats(TestJson.map(ref.get("outputs")).get("pooler_output"));
        EncoderConfig config = EncoderConfig.read(folder(kind).resolve("config.json"));
        try (Weights weights = SafetensorsWeights.open(folder(kind))) {
            Encoder encoder = Encoders.load(weights, config, EngineOptions.defaults());
            float[][] hidden = encoder.forward(ids, null);
            for (int s = 0; s < ids.length; s++) {
                float[] pooled = encoder instanceof BertModel b
                        ? b.poolerOutput(hidden[s])
                        : ((RobertaModel) encoder).poolerOutput(hidden[s]);
                for (int i = 0; i < pooled.length; i++) {
                    assertEquals(expected[s * 32 + i], pooled[i], TOLERANCE, kind + " pooler " + s + "," + i);
                }
            }
            encoder.close();
        }
    }

    @Test
    void robertaPositionsCountFromThePaddingIndexAndSkipPads() {
        Map<String, Object> ref = TestJson.resource("tiny/roberta/reference.json");
        int[][] padded = TestJson.ints2(ref.get("input_ids"));
        int[][] expected = TestJson.ints2(ref.get("roberta_position_ids"));
        for (int s = 0; s < padded.length; s++) {
            int[] positions = new int[padded[s].length];
            RobertaEmbeddings.createPositionIds(padded[s], 1, positions, 0);
            assertArrayEquals(expected[s], positions);
        }
        int[] inner = new int[5];
        RobertaEmbeddings.createPositionIds(new int[] {0, 1, 7, 1, 2}, 1, inner, 0);
        assertArrayEquals(new int[] {2, 1, 3, 1, 4}, inner);
    }

    @Test
    void robertaAcceptsExactlyItsLongestInput() {
        try (Encoder encoder = Encoders.load(folder("roberta"))) {
            assertEquals(Architecture.ROBERTA, encoder.config().architecture());
            assertEquals(66 - 1 - 1, encoder.maxSequenceLength());
            int[] longest = new int[64];
            Arrays.fill(longest, 5);
            assertEquals(64 * 32, encoder.forward(new int[][] {longest}, null)[0].length);
        }
    }

    /** Token types are looked up: type 1 with rows 0 and 1 of the table swapped equals type 0 unswapped. */
    @Test
    void bertTokenTypesSelectTheirRow() {
        EncoderConfig config = EncoderConfig.read(folder("bert").resolve("config.json"));
        try (Weights weights = SafetensorsWeights.open(folder("bert"))) {
            MapWeights swapped = MapWeights.copyOf(weights);
            String name = "embeddings.token_type_embeddings.weight";
            float[] table = weights.tensor(name).toArray();
            float[] flipped = table.clone();
            System.arraycopy(table, 0, flipped, 32, 32);
            System.arraycopy(table, 32, flipped, 0, 32);
            swapped.put(name, flipped, 2, 32);
            int[][] ids = {{101, 903, 269, 542, 194, 6, 102}, {101, 622, 918, 102}};
            int[][] ones = {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1}};
            int[][] zeros = {{0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0}};
            try (Encoder original = BertModel.load(weights, config, EngineOptions.defaults());
                    Encoder other = BertModel.load(swapped, config, EngineOptions.defaults())) {
                float[][] reference = original.forward(ids, null);
                assertArrayEquals(reference, original.forward(ids, zeros));
                assertArrayEquals(reference, other.forward(ids, ones));
                assertFalse(Arrays.equals(reference[0], original.forward(ids, ones)[0]));
            }
        }
    }

    /** *ForXxx checkpoints prefix the base model's names; both spellings load to the same model. */
    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert", "roberta"})
    void prefixedCheckpointsLoad(String kind) {
        EncoderConfig config = EncoderConfig.read(folder(kind).resolve("config.json"));
        try (Weights weights = SafetensorsWeights.open(folder(kind))) {
            MapWeights prefixed = new MapWeights(weights.source());
            for (String name : weights.names())
                prefixed.put(config.architecture().weightPrefix() + name, weights.tensor(name));
            prefixed.put("classifier.weight", new float[64], 2, 32);
            int[][] ids = {{kind.equals("roberta") ? 0 : 101, 17, 42, kind.equals("roberta") ? 2 : 102}};
            try (Encoder plain = Encoders.load(weights, config, EngineOptions.defaults());
                    Encoder withPrefix = Encoders.load(prefixed, config, EngineOptions.defaults())) {
                assertArrayEquals(plain.forward(ids, null), withPrefix.forward(ids, null));
            }
        }
    }

    @Test
    void loadDispatchesOnTheArchitecture() {
        for (String kind : List.of("bert", "distilbert", "roberta")) {
            try (Encoder encoder =
                    Encoders.load(folder(kind), EngineOptions.defaults().withThreads(1))) {
                Class<?> expected = switch (kind) {
                    case "bert" -> BertModel.class;
                    case "distilbert" -> DistilBertModel.class;
                    default -> RobertaModel.class;
                };
                assertTrue(encoder.toString().startsWith(expected.getSimpleName()), encoder.toString());
            }
        }
        EncoderConfig config = EncoderConfig.read(folder("bert").resolve("config.json"));
        try (Weights weights = SafetensorsWeights.open(folder("bert"))) {
            try (Encoder encoder =
                    Encoders.load(weights, config, EngineOptions.defaults().withThreads(1))) {
                assertInstanceOf(BertModel.class, encoder);
            }
            FloatTensor word = weights.tensor("embeddings.word_embeddings.weight");
            assertEquals(1000, word.dim(0));
        }
    }
}
