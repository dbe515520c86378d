package dev.jembed.tornado;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An encoder's parameters copied into TornadoVM arrays, read through the engine's public
 * {@link Weights} by their Hugging Face names (BERT and RoBERTa {@code encoder.layer.N.*}, DistilBERT
 * {@code transformer.layer.N.*}, with or without the {@code bert.} / {@code roberta.} /
 * {@code distilbert.} prefix), the query, key and value projections concatenated for the fused QKV
 * kernel. Every missing tensor and wrong shape is reported at once.
 */
final class DeviceWeights {
    final FloatArray word, position, tokenType, embeddingGamma, embeddingBeta;
    final Layer[] layers;

    /**
     * One transformer layer; Linear weights as PyTorch stores them, {@code [out, in]}, and {@code qkv}
     * the query, key and value weights stacked, {@code [3 * hidden, hidden]}. (Transposed to
     * {@code [in, out]}, the layout GPUs coalesce, the fused down-projection took 1.6 times as long on PoCL:
     * its work-items run one after another, and a column walk misses the cache at every step.)
     */
    record Layer(FloatArray qkv, FloatArray qkvBias, FloatArray out, FloatArray outBias, FloatArray norm1, FloatArray norm1Bias,
                 FloatArray up, FloatArray upBias, FloatArray down, FloatArray downBias, FloatArray norm2, FloatArray norm2Bias) {
    }

    private final Weights weights;
    private final String prefix;
    private final List<String> missing = new ArrayList<>();
    private final List<String> badShapes = new ArrayList<>();

    DeviceWeights(Weights weights, EncoderConfig config) {
        this.weights = weights;
        String probe = "embeddings.word_embeddings.weight";
        String p = config.architecture().weightPrefix();
        this.prefix = !weights.contains(probe) && weights.contains(p + probe) ? p : "";
        int h = config.hiddenSize(), inter = config.intermediateSize();
        boolean distil = config.architecture() == Architecture.DISTILBERT;
        word = get("embeddings.word_embeddings.weight", config.vocabSize(), h);
        position = get("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
        // DistilBERT has no token types: one row of zeros that every token reads
        tokenType = distil ? new FloatArray(h) : get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
        embeddingGamma = get("embeddings.LayerNorm.weight", h);
        embeddingBeta = get("embeddings.LayerNorm.bias", h);
        layers = new Layer[config.numHiddenLayers()];
        for (int i = 0; i < layers.length; i++) {
            String l = (distil ? "transformer.layer." : "encoder.layer.") + i + ".";
            String[] names = distil
                    ? new String[]{"attention.q_lin", "attention.k_lin", "attention.v_lin", "attention.out_lin", "sa_layer_norm",
                                   "ffn.lin1", "ffn.lin2", "output_layer_norm"}
                    : new String[]{"attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
                                   "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm"};
            layers[i] = new Layer(
                    concat(get(l + names[0] + ".weight", h, h), get(l + names[1] + ".weight", h, h), get(l + names[2] + ".weight", h, h)),
                    concat(get(l + names[0] + ".bias", h), get(l + names[1] + ".bias", h), get(l + names[2] + ".bias", h)),
                    get(l + names[3] + ".weight", h, h), get(l + names[3] + ".bias", h),
                    get(l + names[4] + ".weight", h), get(l + names[4] + ".bias", h),
                    get(l + names[5] + ".weight", inter, h), get(l + names[5] + ".bias", inter),
                    get(l + names[6] + ".weight", h, inter), get(l + names[6] + ".bias", h),
                    get(l + names[7] + ".weight", h), get(l + names[7] + ".bias", h));
        }
        if (!missing.isEmpty()) throw new MissingTensorException(weights.source(), missing);
        if (!badShapes.isEmpty()) {
            throw new ModelFileException(weights.source(), "tensor shapes disagree with config.json: " + String.join("; ", badShapes));
        }
    }

    /** Every array, for the graph's one upload. */
    List<FloatArray> all() {
        List<FloatArray> all = new ArrayList<>(List.of(word, position, tokenType, embeddingGamma, embeddingBeta));
        for (Layer l : layers) {
            all.addAll(List.of(l.qkv, l.qkvBias, l.out, l.outBias, l.norm1, l.norm1Bias, l.up, l.upBias, l.down, l.downBias,
                    l.norm2, l.norm2Bias));
        }
        return all;
    }

    private FloatArray get(String name, long... shape) {
        String full = prefix + name;
        if (!weights.contains(full)) {
            missing.add(full);
            return null;
        }
        FloatTensor t = weights.tensor(full);
        if (!t.hasShape(shape)) {
            badShapes.add(full + " has shape " + Arrays.toString(t.shape()) + ", config.json implies " + Arrays.toString(shape));
            return null;
        }
        return copy(t.data());
    }

    private static FloatArray copy(MemorySegment data) {
        FloatArray a = new FloatArray(Math.toIntExact(data.byteSize() / Float.BYTES));
        a.getSegment().copyFrom(data);
        return a;
    }

    private static FloatArray concat(FloatArray... parts) {
        for (FloatArray p : parts) if (p == null) return null;
        return FloatArray.concat(parts);
    }
}
