package dev.jembed.engine.model;

import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** In-memory weights for tests: re-laid, renamed or damaged copies of real checkpoints. */
final class MapWeights implements Weights {
    private final Map<String, FloatTensor> tensors = new LinkedHashMap<>();
    private final Path source;

    MapWeights(Path source) {
        this.source = source;
    }

    /** A copy of every tensor of {@code weights} (views, not data copies). */
    static MapWeights copyOf(Weights weights) {
        MapWeights m = new MapWeights(weights.source());
        for (String name : weights.names()) m.put(name, weights.tensor(name));
        return m;
    }

    /** Adds or replaces a tensor under {@code name} (renaming the tensor record). */
    MapWeights put(String name, FloatTensor t) {
        tensors.put(name, new FloatTensor(name, t.shape(), t.data()));
        return this;
    }

    MapWeights put(String name, float[] values, long... shape) {
        return put(name, FloatTensor.of(name, values, shape));
    }

    MapWeights remove(String name) {
        tensors.remove(name);
        return this;
    }

    FloatTensor get(String name) {
        return tensor(name);
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(tensors.keySet());
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public FloatTensor tensor(String name) {
        FloatTensor t = tensors.get(name);
        if (t == null) throw new MissingTensorException(source, List.of(name));
        return t;
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public void close() {}
}
