package dev.jembed.engine.model;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.WeightFormat;
import dev.jembed.engine.config.Architecture;
import dev.jembed.engine.config.EncoderConfig;
import dev.jembed.engine.kernel.PackedMatrix;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A position in a checkpoint's module tree, as candle's {@code VarBuilder}: {@code p.pp("attention").pp("self")}
 * is the module {@code attention.self} below {@code p}, and {@code p.tensor("bias", hidden)} its tensor
 * {@code <p>.attention.self.bias}. Every module's {@code load} takes the path of its own module, so
 * full weight names are never spelled out.
 *
 * <p>All paths of one checkpoint share its lookup state: the prefix a {@code *ForXxx} checkpoint adds
 * (e.g. {@code bert.}), detected once; the format Linear weights are packed in; and the problems
 * found so far. Nothing throws while the modules load: {@link #check()} then reports every missing
 * tensor at once, then every shape that disagrees with config.json.
 */
final class WeightPath {
    private final Checkpoint checkpoint;
    private final String path; // "" at the root, else "encoder.layer.0" (no trailing dot)

    private WeightPath(Checkpoint checkpoint, String path) {
        this.checkpoint = checkpoint;
        this.path = path;
    }

    /** The weights and their lookup state, shared by every path into them. */
    private record Checkpoint(
            Weights weights, String prefix, WeightFormat format, List<String> missing, List<String> badShapes) {}

    /**
     * The root of {@code weights} for a model of {@code expected}, with or without that architecture's
     * checkpoint prefix ({@code bert.}, {@code roberta.}, {@code distilbert.}).
     *
     * @param format the format Linear weights are packed in
     * @throws IllegalArgumentException if {@code config} is for another architecture
     */
    static WeightPath root(Weights weights, EncoderConfig config, Architecture expected, WeightFormat format) {
        if (config.architecture() != expected) {
            throw new IllegalArgumentException("config is for " + config.architecture() + ", not " + expected);
        }
        String probe = "embeddings.word_embeddings.weight"; // every checkpoint of the three architectures has it
        String prefix = !weights.contains(probe) && weights.contains(expected.weightPrefix() + probe)
                ? expected.weightPrefix()
                : "";
        return new WeightPath(new Checkpoint(weights, prefix, format, new ArrayList<>(), new ArrayList<>()), "");
    }

    /** The child module {@code name} ({@code "attention"}, {@code "self"}, ...). */
    WeightPath pp(String name) {
        return new WeightPath(checkpoint, path.isEmpty() ? name : path + "." + name);
    }

    /** The child module numbered {@code index} in a module list ({@code layer.0}, {@code layer.1}, ...). */
    WeightPath pp(int index) {
        return pp(Integer.toString(index));
    }

    private String name(String tensor) {
        return checkpoint.prefix + (path.isEmpty() ? tensor : path + "." + tensor);
    }

    /** True if this module has the tensor {@code name}: for optional modules such as the pooler. */
    boolean contains(String name) {
        return checkpoint.weights.contains(name(name));
    }

    /** The tensor {@code name} of this module, checked to have {@code shape}; null after recording a problem. */
    FloatTensor tensor(String name, long... shape) {
        String full = name(name);
        if (!checkpoint.weights.contains(full)) {
            checkpoint.missing.add(full);
            return null;
        }
        FloatTensor t = checkpoint.weights.tensor(full);
        if (!t.hasShape(shape)) {
            checkpoint.badShapes.add(full + " has shape " + Arrays.toString(t.shape()) + ", config.json implies "
                    + Arrays.toString(shape));
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
     * The Linear weight {@code name} ({@code [out, in]} as in PyTorch), checked and packed for the
     * matmul kernel in the checkpoint's format; null after recording a problem. The packed copy is
     * all the model reads afterwards, so the mapped file pages it came from are handed back to the OS
     * (they would otherwise stay resident and count twice); the mapping itself stays valid.
     */
    PackedMatrix packed(String name, long out, long in) {
        FloatTensor t = tensor(name, out, in);
        if (t == null) return null;
        PackedMatrix packed;
        try {
            packed = PackedMatrix.pack(t.data(), (int) out, (int) in, checkpoint.format);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    checkpoint.weights.source(),
                    "cannot pack " + t.name() + " as " + checkpoint.format.id() + ": " + e.getMessage());
        }
        if (t.data().isMapped()) t.data().unload();
        return packed;
    }

    /**
     * The module list {@code name} ({@code nn.ModuleList}): entries {@code name.0 .. name.(count-1)},
     * each loaded by {@code entry} from its path. Records a problem if the checkpoint holds entries
     * numbered {@code count} or higher: a num_hidden_layers smaller than the weights would silently
     * run a truncated network.
     */
    <T> T[] list(String name, int count, IntFunction<T[]> array, Function<WeightPath, T> entry) {
        WeightPath list = pp(name);
        T[] entries = array.apply(count);
        for (int i = 0; i < count; i++) entries[i] = entry.apply(list.pp(i));
        String p = list.name("");
        int last = -1;
        for (String tensor : checkpoint.weights.names()) {
            if (!tensor.startsWith(p)) continue;
            int dot = tensor.indexOf('.', p.length());
            try {
                last = Math.max(last, Integer.parseInt(tensor.substring(p.length(), dot < 0 ? tensor.length() : dot)));
            } catch (NumberFormatException ignored) {
                // not an entry index
            }
        }
        if (last >= count) {
            checkpoint.badShapes.add("config.json says num_hidden_layers " + count + " but the weights hold "
                    + (last + 1) + " layers (" + p + last + ".*); fix num_hidden_layers or remove the unused layers");
        }
        return entries;
    }

    /**
     * Throws if any tensor asked for through any path of this checkpoint was missing or misshapen.
     *
     * @throws MissingTensorException naming every missing tensor
     * @throws ModelFileException     naming every shape that disagrees with config.json
     */
    void check() {
        if (!checkpoint.missing.isEmpty())
            throw new MissingTensorException(checkpoint.weights.source(), checkpoint.missing);
        if (!checkpoint.badShapes.isEmpty()) {
            throw new ModelFileException(
                    checkpoint.weights.source(),
                    "tensor shapes disagree with config.json: " + String.join("; ", checkpoint.badShapes));
        }
    }
}
