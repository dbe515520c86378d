package dev.jembed.engine.safetensors;

import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A sharded checkpoint: the {@link SafetensorsFile}s named by a {@code model.safetensors.index.json},
 * seen as one set of weights. The index and the shards must agree exactly: every indexed tensor is
 * in its shard, and every tensor of a shard is indexed to that shard.
 */
final class ShardedWeights implements Weights {

    private final Path index;
    private final List<SafetensorsFile> shards;
    private final Map<String, SafetensorsFile> byName;
    private final Set<String> names;

    private ShardedWeights(Path index, List<SafetensorsFile> shards, Map<String, SafetensorsFile> byName) {
        this.index = index;
        this.shards = List.copyOf(shards);
        this.byName = Map.copyOf(byName);
        Set<String> weights = new TreeSet<>();
        byName.forEach((name, shard) -> {
            if (shard.contains(name)) weights.add(name);
        });
        this.names = Collections.unmodifiableSet(weights);
    }

    /** Opens the index file and all its shards. */
    public static ShardedWeights open(Path indexFile) {
        ShardedIndex index = ShardedIndex.read(indexFile);
        Map<String, SafetensorsFile> shardByFile = new LinkedHashMap<>();
        try {
            Map<String, SafetensorsFile> byName = new HashMap<>();
            for (Map.Entry<String, String> e : index.weightMap().entrySet()) {
                SafetensorsFile shard = shardByFile.get(e.getValue());
                if (shard == null) {
                    shard = SafetensorsFile.open(index.resolveShard(e.getValue()));
                    shardByFile.put(e.getValue(), shard);
                }
                if (shard.info(e.getKey()).isEmpty()) {
                    throw new SafetensorsException(
                            indexFile,
                            "tensor '" + e.getKey() + "' is indexed to shard " + e.getValue()
                                    + ", which does not have it");
                }
                byName.put(e.getKey(), shard);
            }
            for (Map.Entry<String, SafetensorsFile> e : shardByFile.entrySet()) {
                for (String name : e.getValue().tensorInfos().keySet()) {
                    if (byName.get(name) != e.getValue()) {
                        throw new SafetensorsException(
                                indexFile,
                                "shard " + e.getKey() + " holds tensor '" + name + "', which the index "
                                        + (byName.containsKey(name) ? "puts in another shard" : "does not list"));
                    }
                }
            }
            return new ShardedWeights(indexFile, new ArrayList<>(shardByFile.values()), byName);
        } catch (RuntimeException | Error e) {
            shardByFile.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public FloatTensor tensor(String name) {
        return MissingTensorException.require(byName.get(name), index, name).tensor(name);
    }

    /** The shard files, in index order. */
    public List<SafetensorsFile> shards() {
        return shards;
    }

    @Override
    public Path source() {
        return index;
    }

    @Override
    public void close() {
        shards.forEach(SafetensorsFile::close);
    }
}
