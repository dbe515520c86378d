package dev.jembed.engine.model;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.kernel.WeightFormat;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Looks up the tensors of one model by module path, with or without the prefix a {@code *ForXxx}
 * checkpoint adds (e.g. {@code bert.}), checking each shape against the config. Problems are
 * collected so that {@link #check()} reports every missing tensor at once, then every wrong shape.
 */
final class TensorLoader {
    private final Weights weights;
    private final String prefix;
    private final WeightFormat format;
    private final List<String> missing = new ArrayList<>();
    private final List<String> badShapes = new ArrayList<>();

    /**
     * @param probe  a tensor every checkpoint of the architecture has, used to detect the prefix
     * @param format the format Linear weights are packed in
     */
    TensorLoader(Weights weights, String prefix, String probe, WeightFormat format) {
        this.weights = weights;
        this.format = format;
        this.prefix = !weights.contains(probe) && weights.contains(prefix + probe) ? prefix : "";
    }

    /** The tensor {@code name} (prefixed if the checkpoint is), or null after recording the problem. */
    FloatTensor get(String name, long... shape) {
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
        return t.data().isNative() ? t : offHeap(t);
    }

    /**
     * A native copy of a heap-backed tensor (in-memory weights). The kernels' Vector API loads run
     * several times slower once one call site has seen heap segments besides native ones, so models
     * only ever hand them native memory: mapped files and native copies.
     */
    private static FloatTensor offHeap(FloatTensor t) {
        MemorySegment copy = Arena.ofAuto().allocate(t.data().byteSize(), 64);
        copy.copyFrom(t.data());
        return new FloatTensor(t.name(), t.shape(), copy.asReadOnly());
    }

    /**
     * A Linear weight {@code [out, in]}, validated and packed for the matmul kernel in the loader's
     * format, or null after recording the problem. The packed copy is all the model reads afterwards,
     * so the mapped file pages it came from are handed back to the OS (they would otherwise stay
     * resident and count twice); the mapping itself stays valid.
     */
    PackedMatrix linear(String name, long out, long in) {
        FloatTensor t = get(name, out, in);
        if (t == null) return null;
        PackedMatrix packed;
        try {
            packed = PackedMatrix.pack(t.data(), (int) out, (int) in, format);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(weights.source(), "cannot pack " + t.name() + " as " + format.id() + ": " + e.getMessage());
        }
        if (t.data().isMapped()) t.data().unload();
        return packed;
    }

    /** The tensor if present (validated), else null: for optional modules such as the pooler. */
    FloatTensor optional(String name, long... shape) {
        return weights.contains(prefix + name) ? get(name, shape) : null;
    }

    /** True if the optional module's tensor is present. */
    boolean has(String name) {
        return weights.contains(prefix + name);
    }

    /**
     * Records a problem if the checkpoint holds layers at or past {@code count} under
     * {@code layerPrefix} ({@code encoder.layer.}): a num_hidden_layers smaller than the weights
     * would silently run a truncated network.
     */
    void noLayersBeyond(String layerPrefix, int count) {
        String p = prefix + layerPrefix;
        int last = -1;
        for (String name : weights.names()) {
            if (!name.startsWith(p)) continue;
            int dot = name.indexOf('.', p.length());
            try {
                last = Math.max(last, Integer.parseInt(name.substring(p.length(), dot < 0 ? name.length() : dot)));
            } catch (NumberFormatException ignored) {
                // not a layer index
            }
        }
        if (last >= count) {
            badShapes.add("config.json says num_hidden_layers " + count + " but the weights hold " + (last + 1) + " layers ("
                    + p + last + ".*); fix num_hidden_layers or remove the unused layers");
        }
    }

    /** Throws if anything asked for was missing or misshapen. */
    void check() {
        if (!missing.isEmpty()) throw new MissingTensorException(weights.source(), missing);
        if (!badShapes.isEmpty()) {
            throw new ModelFileException(weights.source(), "tensor shapes disagree with config.json: "
                    + String.join("; ", badShapes));
        }
    }
}
