package dev.jembed.engine.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jembed.engine.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code weight_map} of a {@code model.safetensors.index.json}: tensor name to shard file name.
 * Other top-level entries ({@code metadata}) are skipped. Shard names must stay inside the index's
 * folder: an index is data from the internet and must not point at arbitrary files.
 */
record ShardedIndex(Path file, Map<String, String> weightMap) {

    /** An index file is small; anything bigger is not an index. */
    static final long MAX_INDEX_BYTES = 64L << 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    public ShardedIndex {
        weightMap = Collections.unmodifiableMap(new LinkedHashMap<>(weightMap));
    }

    /** Reads and validates an index file. */
    public static ShardedIndex read(Path file) {
        if (!Files.isRegularFile(file)) throw new ModelFileException(file, "no such file");
        Map<String, String> map = new LinkedHashMap<>();
        boolean sawMap = false;
        try {
            long size = Files.size(file);
            if (size > MAX_INDEX_BYTES) {
                throw new SafetensorsException(
                        file, "index of " + size + " bytes is larger than the cap of " + MAX_INDEX_BYTES);
            }
            try (JsonParser p = JSON.createParser(Files.readAllBytes(file))) {
                expect(file, p.nextToken() == JsonToken.START_OBJECT, "index is not a JSON object");
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    if (!"weight_map".equals(key)) {
                        p.skipChildren();
                        continue;
                    }
                    expect(file, !sawMap, "duplicate weight_map");
                    sawMap = true;
                    expect(file, value == JsonToken.START_OBJECT, "weight_map must be an object");
                    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        expect(
                                file,
                                p.nextToken() == JsonToken.VALUE_STRING,
                                "weight_map entry '" + name + "' must be a file name");
                        expect(file, map.put(name, p.getText()) == null, "duplicate weight_map entry '" + name + "'");
                    }
                    expect(file, t == JsonToken.END_OBJECT, "malformed weight_map");
                }
                expect(file, t == JsonToken.END_OBJECT, "malformed index JSON");
                expect(file, p.nextToken() == null, "trailing content after the index object");
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SafetensorsException(file, "malformed index JSON: " + e.getMessage(), e);
        }
        expect(file, sawMap, "no weight_map");
        return new ShardedIndex(file, map);
    }

    /**
     * The shard file {@code shardName} resolved against the index's folder.
     *
     * @throws SafetensorsException if the name is absolute or leads outside the folder
     */
    public Path resolveShard(String shardName) {
        Path dir = file.toAbsolutePath().getParent();
        Path relative;
        try {
            relative = Path.of(shardName);
        } catch (RuntimeException e) {
            throw new SafetensorsException(file, "shard name '" + shardName + "' is not a valid path");
        }
        Path shard = dir.resolve(relative).normalize();
        if (shardName.isEmpty()
                || relative.isAbsolute()
                || !shard.startsWith(dir.normalize())
                || shard.equals(dir.normalize())) {
            throw new SafetensorsException(file, "shard '" + shardName + "' is outside the index's folder " + dir);
        }
        if (Files.exists(shard)) {
            try {
                // a symbolic link must not lead out of the folder either
                if (!shard.toRealPath().startsWith(dir.toRealPath())) {
                    throw new SafetensorsException(file, "shard '" + shardName + "' links outside the index's folder");
                }
            } catch (IOException e) {
                throw new ModelFileException(shard, "cannot resolve: " + e.getMessage(), e);
            }
        }
        return shard;
    }

    private static void expect(Path file, boolean condition, String reason) {
        if (!condition) throw new SafetensorsException(file, reason);
    }
}
