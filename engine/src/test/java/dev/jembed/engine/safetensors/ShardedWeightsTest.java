package dev.jembed.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.tools.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sharded checkpoints through {@code model.safetensors.index.json}, and the loader's choice of format. */
class ShardedWeightsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void twoShards() {
        SafetensorsWriter.write(
                dir.resolve("model-00001-of-00002.safetensors"),
                Map.of("format", "pt"),
                List.of(
                        SafetensorsWriter.Entry.f32("a.weight", new float[] {1, 2, 3, 4}, 2, 2),
                        SafetensorsWriter.Entry.i64("embeddings.position_ids", new long[] {0, 1}, 1, 2)));
        SafetensorsWriter.write(
                dir.resolve("model-00002-of-00002.safetensors"),
                Map.of("format", "pt"),
                List.of(SafetensorsWriter.Entry.f32("b.bias", new float[] {5, 6}, 2)));
    }

    private Path index(String weightMap) throws IOException {
        return Files.writeString(
                dir.resolve(SafetensorsWeights.INDEX_FILE),
                "{\"metadata\":{\"total_size\":24,\"nested\":{\"ok\":[1,2]}},\"weight_map\":{" + weightMap + "}}");
    }

    private static final String GOOD = "\"a.weight\":\"model-00001-of-00002.safetensors\","
            + "\"embeddings.position_ids\":\"model-00001-of-00002.safetensors\","
            + "\"b.bias\":\"model-00002-of-00002.safetensors\"";

    @Test
    void folderWithIndexOpensAllShards() throws IOException {
        index(GOOD);
        try (Weights w = SafetensorsWeights.open(dir)) {
            ShardedWeights sharded = assertInstanceOf(ShardedWeights.class, w);
            assertEquals(2, sharded.shards().size());
            assertEquals(Set.of("a.weight", "b.bias"), w.names());
            assertArrayEquals(new float[] {1, 2, 3, 4}, w.tensor("a.weight").toArray());
            assertArrayEquals(new float[] {5, 6}, w.tensor("b.bias").toArray());
            assertEquals(dir.resolve(SafetensorsWeights.INDEX_FILE), w.source());
            assertThrows(MissingTensorException.class, () -> w.tensor("c"));
        }
    }

    @Test
    void singleFileWinsOverIndexInAFolder() throws IOException {
        index(GOOD);
        SafetensorsWriter.write(
                dir.resolve("model.safetensors"), null, List.of(SafetensorsWriter.Entry.f32("x", new float[] {1}, 1)));
        try (Weights w = SafetensorsWeights.open(dir)) {
            assertInstanceOf(SafetensorsFile.class, w);
            assertEquals(Set.of("x"), w.names());
        }
    }

    @Test
    void shardNamesMustStayInsideTheFolder() throws IOException {
        for (String shard :
                List.of("../model-00002-of-00002.safetensors", "/etc/passwd", "sub/../../x.safetensors", "", ".")) {
            Path index = index("\"b.bias\":\"" + shard + "\"");
            SafetensorsException e = assertThrows(SafetensorsException.class, () -> ShardedWeights.open(index), shard);
            assertEquals(index, e.file());
        }
    }

    @Test
    void indexAndShardsMustAgree() throws IOException {
        Path index = index("\"a.weight\":\"model-00001-of-00002.safetensors\","
                + "\"embeddings.position_ids\":\"model-00001-of-00002.safetensors\","
                + "\"b.bias\":\"model-00001-of-00002.safetensors\"");
        assertMessage(index, "does not have it");
        index = index(
                "\"a.weight\":\"model-00001-of-00002.safetensors\",\"b.bias\":\"model-00002-of-00002.safetensors\"");
        assertMessage(index, "does not list");
        index = index(GOOD + ",\"a.weight\":\"model-00001-of-00002.safetensors\"");
        assertMessage(index, "duplicate weight_map entry");
        index = index(GOOD + ",\"c\":\"model-00003-of-00003.safetensors\"");
        ModelFileException missing = assertThrows(
                ModelFileException.class, () -> ShardedWeights.open(dir.resolve(SafetensorsWeights.INDEX_FILE)));
        assertEquals(dir.resolve("model-00003-of-00003.safetensors"), missing.file());
        Files.writeString(index, "{\"metadata\":{}}");
        assertMessage(index, "no weight_map");
        Files.writeString(index, "{\"weight_map\":[\"a\"]}");
        assertMessage(index, "weight_map must be an object");
        Files.writeString(index, "{\"weight_map\":{\"a\":1}}");
        assertMessage(index, "must be a file name");
        Files.writeString(index, "{\"metadata\":" + "[".repeat(100_000));
        assertMessage(index, "malformed index JSON");
    }

    private static void assertMessage(Path index, String fragment) {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> ShardedWeights.open(index));
        assertEquals(index, e.file());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void pickleCheckpointsAreRefusedWithAWayOut() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("torch"));
        Files.write(empty.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsWeights.open(empty));
        assertEquals(empty.resolve("pytorch_model.bin"), e.file());
        assertTrue(e.getMessage().contains("pickle") && e.getMessage().contains("safetensors"), e.getMessage());
        assertThrows(ModelFileException.class, () -> SafetensorsWeights.open(empty.resolve("pytorch_model.bin")));
    }

    @Test
    void missingOrEmptyLocationsAreNamed() throws IOException {
        Path nothing = dir.resolve("absent");
        assertEquals(
                nothing,
                assertThrows(ModelFileException.class, () -> SafetensorsWeights.open(nothing))
                        .file());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsWeights.open(empty));
        assertEquals(empty, e.file());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void aSingleFileOpensDirectly() {
        try (Weights w = SafetensorsWeights.open(dir.resolve("model-00002-of-00002.safetensors"))) {
            assertEquals(Set.of("b.bias"), w.names());
        }
    }
}
