package dev.jembed.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.tools.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the transformers-written tiny checkpoints, and the reader's contract (zero copy, integer buffers, errors). */
class SafetensorsFileTest {

    private static final int VOCAB = 1000;
    private static final int HIDDEN = 32;
    private static final int INTERMEDIATE = 64;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert", "roberta"})
    void tinyModelHasExactlyTheTransformersStateDict(String arch) throws IOException {
        Path dir = Fixtures.tinyModel(arch);
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            assertEquals(new TreeSet<>(stateDictKeys(arch)), f.names());
            assertEquals("pt", f.metadata().get("format"));
            assertArrayEquals(
                    new long[] {VOCAB, HIDDEN},
                    f.tensor("embeddings.word_embeddings.weight").shape());
            assertArrayEquals(
                    new long[] {HIDDEN}, f.tensor("embeddings.LayerNorm.weight").shape());
            String up = arch.equals("distilbert")
                    ? "transformer.layer.1.ffn.lin1.weight"
                    : "encoder.layer.1.intermediate.dense.weight";
            String down = arch.equals("distilbert")
                    ? "transformer.layer.1.ffn.lin2.weight"
                    : "encoder.layer.1.output.dense.weight";
            assertArrayEquals(new long[] {INTERMEDIATE, HIDDEN}, f.tensor(up).shape());
            assertArrayEquals(new long[] {HIDDEN, INTERMEDIATE}, f.tensor(down).shape());
            for (String name : f.names()) {
                FloatTensor t = f.tensor(name);
                assertEquals(name, t.name());
                assertTrue(t.data().isMapped(), name + " must be a view of the mapped file, not a copy");
                assertTrue(t.data().isReadOnly(), name);
            }
        }
    }

    @Test
    void f32DataIsTheMappedFileItself() {
        Path file = Fixtures.tinyModel("bert").resolve("model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            TensorInfo info = f.info("embeddings.LayerNorm.bias").orElseThrow();
            FloatTensor t = f.tensor("embeddings.LayerNorm.bias");
            assertTrue(t.data().isMapped());
            assertSame(t, f.tensor("embeddings.LayerNorm.bias"), "one view per tensor, made once");
            // the first float of the first tensor sits right after the header
            byte[] raw = Fixtures.bytes("tiny/bert/model.safetensors");
            long headerLength = java.nio.ByteBuffer.wrap(raw, 0, 8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getLong();
            int at = (int) (8 + headerLength + info.begin());
            float expected = java.nio.ByteBuffer.wrap(raw, at, 4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getFloat();
            assertEquals(expected, t.get(0));
        }
    }

    @Test
    void integerBuffersAreReachableButNotWeights() {
        Path file = tmp.resolve("ids.safetensors");
        SafetensorsWriter.write(
                file,
                java.util.Map.of("format", "pt"),
                List.of(
                        SafetensorsWriter.Entry.i64("embeddings.position_ids", new long[] {0, 1, 2, 3}, 1, 4),
                        SafetensorsWriter.Entry.f32("w", new float[] {1.5f, -2f}, 2)));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(Set.of("w"), f.names());
            assertFalse(f.contains("embeddings.position_ids"));
            assertEquals(
                    DType.I64, f.info("embeddings.position_ids").orElseThrow().dtype());
            long[] ids = f.rawData("embeddings.position_ids")
                    .toArray(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
            assertArrayEquals(new long[] {0, 1, 2, 3}, ids);
            SafetensorsException e =
                    assertThrows(SafetensorsException.class, () -> f.tensor("embeddings.position_ids"));
            assertTrue(e.getMessage().contains("I64"), e.getMessage());
            MissingTensorException m =
                    assertThrows(MissingTensorException.class, () -> f.tensor("pooler.dense.weight"));
            assertTrue(m.getMessage().contains("pooler.dense.weight")
                    && m.getMessage().contains(file.toString()));
            assertArrayEquals(new float[] {1.5f, -2f}, f.tensor("w").toArray());
        }
    }

    @Test
    void concurrentReadersShareOneConversion() throws Exception {
        Path file = tmp.resolve("bf16.safetensors");
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            byte[] raw = new byte[2 * 4096];
            for (int i = 0; i < 4096; i++) raw[2 * i + 1] = (byte) (0x3F + (i & 1)); // 0.5 .. 2.0 range
            entries.add(new SafetensorsWriter.Entry(
                    "t" + t, "BF16", new long[] {64, 64}, java.lang.foreign.MemorySegment.ofArray(raw)));
        }
        SafetensorsWriter.write(file, null, entries);
        try (SafetensorsFile f = SafetensorsFile.open(file);
                var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<List<FloatTensor>>> results = new ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                results.add(pool.submit(() -> f.names().stream().map(f::tensor).toList()));
            }
            List<FloatTensor> first = results.getFirst().get();
            for (var r : results) {
                List<FloatTensor> got = r.get();
                for (int i = 0; i < got.size(); i++) assertSame(first.get(i), got.get(i));
            }
            assertEquals(0.5f, first.getFirst().get(0));
            assertEquals(2.0f, first.getFirst().get(1));
        }
    }

    @Test
    void missingFileIsNamed() {
        Path file = tmp.resolve("nope.safetensors");
        ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsFile.open(file));
        assertEquals(file, e.file());
    }

    @Test
    void closeIsIdempotentAndUnmaps() {
        SafetensorsFile f = SafetensorsFile.open(Fixtures.tinyModel("bert").resolve("model.safetensors"));
        FloatTensor t = f.tensor("embeddings.LayerNorm.bias");
        f.close();
        f.close();
        assertThrows(IllegalStateException.class, () -> t.get(0));
    }

    /** {@code state_dict_keys} of the tiny model's reference.json. */
    static List<String> stateDictKeys(String arch) throws IOException {
        List<String> keys = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(Fixtures.bytes("tiny/" + arch + "/reference.json"))) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("state_dict_keys")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.VALUE_STRING) keys.add(p.getText());
            }
        }
        assertFalse(keys.isEmpty());
        return keys;
    }
}
