package dev.jembed.pooling;

import dev.jembed.fixtures.TestFixtures;
import dev.jembed.pooling.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the shared reference fixtures of jembed-test-fixtures (see SOURCES.md there). */
final class Fixtures {
    private Fixtures() {}

    static Path resource(String name) {
        return TestFixtures.path(name);
    }

    /** A tiny model's reference.json: a padded batch of two sequences and what Hugging Face computed. */
    record Tiny(
            String name,
            int[][] attentionMask,
            float[][][] lastHiddenState,
            float[][] meanPooled,
            float[][] meanPooledNormalized,
            float[][] clsNormalized) {
        int length(int seq) {
            int n = 0;
            for (int m : attentionMask[seq]) n += m;
            return n;
        }

        int hidden() {
            return lastHiddenState[0][0].length;
        }

        /** The unpadded hidden states of one sequence, row-major, as the engine returns them. */
        float[] unpadded(int seq) {
            int len = length(seq), dim = hidden();
            float[] out = new float[len * dim];
            for (int t = 0; t < len; t++) System.arraycopy(lastHiddenState[seq][t], 0, out, t * dim, dim);
            return out;
        }
    }

    @SuppressWarnings("unchecked")
    static Tiny tiny(String model) {
        Map<String, Object> root = (Map<String, Object>) Json.parse(resource("tiny/" + model + "/reference.json"));
        Map<String, Object> out = (Map<String, Object>) root.get("outputs");
        return new Tiny(
                model,
                ints2((List<Object>) root.get("attention_mask")),
                floats3((List<Object>) out.get("last_hidden_state")),
                floats2((List<Object>) out.get("mean_pooled")),
                floats2((List<Object>) out.get("mean_pooled_normalized")),
                floats2((List<Object>) out.get("cls_normalized")));
    }

    /** One sentence of reference_ort_single.json (all-MiniLM-L6-v2 through ONNX Runtime). */
    record MiniLmSentence(
            String text,
            int[] inputIds,
            float[][] lastHiddenState,
            float[] meanPooled,
            float[] embedding,
            float[] clsHidden) {}

    @SuppressWarnings("unchecked")
    static List<MiniLmSentence> miniLm() {
        Map<String, Object> root = (Map<String, Object>) Json.parse(resource("minilm/reference_ort_single.json"));
        return ((List<Object>) root.get("sentences"))
                .stream()
                        .map(o -> {
                            Map<String, Object> s = (Map<String, Object>) o;
                            List<Object> lhs = (List<Object>) s.get("last_hidden_state");
                            return new MiniLmSentence(
                                    (String) s.get("text"),
                                    ints((List<Object>) s.get("input_ids")),
                                    lhs == null ? null : floats2(lhs),
                                    floats((List<Object>) s.get("mean_pooled")),
                                    floats((List<Object>) s.get("embedding")),
                                    floats((List<Object>) s.get("cls_hidden")));
                        })
                        .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Double> miniLmCosines() {
        Map<String, Object> root = (Map<String, Object>) Json.parse(resource("minilm/reference_ort_single.json"));
        return (Map<String, Double>) (Map<?, ?>) root.get("cosine_first_three");
    }

    static float[] floats(List<Object> list) {
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) list.get(i)).floatValue();
        return out;
    }

    @SuppressWarnings("unchecked")
    static float[][] floats2(List<Object> list) {
        float[][] out = new float[list.size()][];
        for (int i = 0; i < out.length; i++) out[i] = floats((List<Object>) list.get(i));
        return out;
    }

    @SuppressWarnings("unchecked")
    static float[][][] floats3(List<Object> list) {
        float[][][] out = new float[list.size()][][];
        for (int i = 0; i < out.length; i++) out[i] = floats2((List<Object>) list.get(i));
        return out;
    }

    static int[] ints(List<Object> list) {
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) list.get(i)).intValue();
        return out;
    }

    @SuppressWarnings("unchecked")
    static int[][] ints2(List<Object> list) {
        int[][] out = new int[list.size()][];
        for (int i = 0; i < out.length; i++) out[i] = ints((List<Object>) list.get(i));
        return out;
    }
}
