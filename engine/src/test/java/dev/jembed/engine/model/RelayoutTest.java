package dev.jembed.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.Encoder;
import dev.jembed.engine.EngineOptions;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.Weights;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real MiniLM weights re-laid in memory as a DistilBertModel and as a RobertaForMaskedLM
 * checkpoint (with their own config.json) reproduce ONNX Runtime's MiniLM embeddings: the other two
 * forward passes are exact on real weights, not only on the tiny random models.
 */
class RelayoutTest {
    private static final int HIDDEN = 384, LAYERS = 6, MAX_POSITIONS = 512;
    /** RoBERTa's usual padding index; id 1 is [unused0] in the MiniLM vocabulary, never produced by the tokenizer. */
    private static final int ROBERTA_PAD = 1;

    @Test
    void distilBertLayoutReproducesOnnxRuntime() {
        Weights bert = MiniLmRun.weights();
        MapWeights w = new MapWeights(Path.of("minilm-as-distilbert"));
        w.put("embeddings.word_embeddings.weight", bert.tensor("embeddings.word_embeddings.weight"));
        // DistilBERT has no token types: token_type_embeddings[0] (every single-sentence token's) moves into the
        // positions.
        float[] positions = bert.tensor("embeddings.position_embeddings.weight").toArray();
        float[] type0 = bert.tensor("embeddings.token_type_embeddings.weight").toArray();
        for (int p = 0; p < MAX_POSITIONS; p++) {
            for (int i = 0; i < HIDDEN; i++) positions[p * HIDDEN + i] += type0[i];
        }
        w.put("embeddings.position_embeddings.weight", positions, MAX_POSITIONS, HIDDEN);
        w.put("embeddings.LayerNorm.weight", bert.tensor("embeddings.LayerNorm.weight"));
        w.put("embeddings.LayerNorm.bias", bert.tensor("embeddings.LayerNorm.bias"));
        String[][] renames = {
            {"attention.self.query", "attention.q_lin"}, {"attention.self.key", "attention.k_lin"},
            {"attention.self.value", "attention.v_lin"}, {"attention.output.dense", "attention.out_lin"},
            {"attention.output.LayerNorm", "sa_layer_norm"}, {"intermediate.dense", "ffn.lin1"},
            {"output.dense", "ffn.lin2"}, {"output.LayerNorm", "output_layer_norm"}
        };
        for (int l = 0; l < LAYERS; l++) {
            for (String[] r : renames) {
                for (String param : List.of(".weight", ".bias")) {
                    w.put(
                            "transformer.layer." + l + "." + r[1] + param,
                            bert.tensor("encoder.layer." + l + "." + r[0] + param));
                }
            }
        }
        EncoderConfig config = config("""
                {"activation": "gelu", "architectures": ["DistilBertModel"], "attention_dropout": 0.1, "dim": 384,
                 "dropout": 0.1, "hidden_dim": 1536, "initializer_range": 0.02, "max_position_embeddings": 512,
                 "model_type": "distilbert", "n_heads": 12, "n_layers": 6, "pad_token_id": 0,
                 "qa_dropout": 0.1, "seq_classif_dropout": 0.2, "sinusoidal_pos_embds": false,
                 "tie_weights_": true, "vocab_size": 30522}""");
        assertEquals(Architecture.DISTILBERT, config.architecture());
        try (Encoder encoder = DistilBertModel.load(w, config, EngineOptions.defaults())) {
            compareWithOnnxRuntime(encoder, "DistilBERT");
        }
    }

    @Test
    void robertaLayoutReproducesOnnxRuntime() {
        Weights bert = MiniLmRun.weights();
        MapWeights w = new MapWeights(Path.of("minilm-as-roberta"));
        String prefix = "roberta.";
        for (String name : bert.names()) {
            if (name.startsWith("embeddings.position_embeddings") || name.startsWith("embeddings.token_type")) continue;
            w.put(prefix + name, bert.tensor(name));
        }
        // Positions start after the padding index: row padding_idx + 1 + p holds BERT's position p.
        int rows = MAX_POSITIONS + ROBERTA_PAD + 1;
        float[] shifted = new float[rows * HIDDEN];
        System.arraycopy(
                bert.tensor("embeddings.position_embeddings.weight").toArray(),
                0,
                shifted,
                (ROBERTA_PAD + 1) * HIDDEN,
                MAX_POSITIONS * HIDDEN);
        w.put(prefix + "embeddings.position_embeddings.weight", shifted, rows, HIDDEN);
        float[] type0 = java.util.Arrays.copyOf(
                bert.tensor("embeddings.token_type_embeddings.weight").toArray(), HIDDEN);
        w.put(prefix + "embeddings.token_type_embeddings.weight", type0, 1, HIDDEN);
        w.put("lm_head.dense.weight", new float[HIDDEN * HIDDEN], HIDDEN, HIDDEN);
        EncoderConfig config = config("""
                {"architectures": ["RobertaForMaskedLM"], "attention_probs_dropout_prob": 0.1, "bos_token_id": 0,
                 "eos_token_id": 2, "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "hidden_size": 384,
                 "initializer_range": 0.02, "intermediate_size": 1536, "layer_norm_eps": 1e-12,
                 "max_position_embeddings": 514, "model_type": "roberta", "num_attention_heads": 12,
                 "num_hidden_layers": 6, "pad_token_id": 1, "position_embedding_type": "absolute",
                 "type_vocab_size": 1, "use_cache": true, "vocab_size": 30522}""");
        assertEquals(MAX_POSITIONS, config.maxSequenceLength());
        try (Encoder encoder = dev.jembed.engine.Encoders.load(w, config, EngineOptions.defaults())) {
            assertInstanceOf(RobertaModel.class, encoder);
            assertTrue(((RobertaModel) encoder).hasPooler());
            compareWithOnnxRuntime(encoder, "RoBERTa");
        }
    }

    private static EncoderConfig config(String json) {
        return EncoderConfig.parse(json.getBytes(StandardCharsets.UTF_8), Path.of("config.json"));
    }

    /** Every fifth STS-B sentence (511 of them), in batches of 40, against ONNX Runtime's embeddings. */
    private static void compareWithOnnxRuntime(Encoder encoder, String layout) {
        int[][] ids = MiniLmRun.ids();
        float[][] ort = MiniLmRun.ort();
        List<Integer> subset = MiniLmRun.subset(5);
        double minCosine = 1, maxDiff = 0;
        long start = System.nanoTime();
        for (int from = 0; from < subset.size(); from += 40) {
            List<Integer> batch = subset.subList(from, Math.min(subset.size(), from + 40));
            int[][] input = new int[batch.size()][];
            for (int b = 0; b < input.length; b++) input[b] = ids[batch.get(b)];
            float[][] hidden = encoder.forward(input, null);
            for (int b = 0; b < input.length; b++) {
                int i = batch.get(b);
                float[] embedding = MiniLmRun.normalize(MiniLmRun.meanPool(hidden[b], input[b].length));
                double cos = MiniLmRun.cosine(embedding, ort[i]), diff = MiniLmRun.maxAbsDiff(embedding, ort[i]);
                assertTrue(
                        cos >= MiniLmParityTest.MIN_COSINE, layout + " " + MiniLmRun.describe(i) + ": cosine " + cos);
                assertTrue(
                        diff <= MiniLmParityTest.MAX_ABS_DIFF,
                        layout + " " + MiniLmRun.describe(i) + ": max abs diff " + diff);
                minCosine = Math.min(minCosine, cos);
                maxDiff = Math.max(maxDiff, diff);
            }
        }
        System.out.printf(
                "MiniLM re-laid as %s vs ONNX Runtime on %d STS-B sentences: min cosine %.9f, max abs diff %.3g (%.1f s)%n",
                layout, subset.size(), minCosine, maxDiff, (System.nanoTime() - start) / 1e9);
    }
}
