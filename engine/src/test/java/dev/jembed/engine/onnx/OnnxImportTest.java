package dev.jembed.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.safetensors.SafetensorsFile;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.engine.testing.MiniLm;
import dev.jembed.tools.onnx.OnnxException;
import dev.jembed.tools.onnx.OnnxFile;
import dev.jembed.tools.onnx.OnnxNode;
import dev.jembed.tools.onnx.OnnxTensor;
import dev.jembed.tools.onnx.OnnxToSafetensors;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protobuf reader and the graph walk on hand-built ONNX models, including broken and hostile ones. */
class OnnxImportTest {

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int STRING = 8;

    @TempDir
    Path tmp;

    /** x -> MatMul(x, onnx::MatMul_7 [2,3]) -> Add(bias, ·) : one Linear(2 -> 3), as torch.onnx exports it. */
    private static ProtoWriter linearGraph(Consumer<ProtoWriter> extra) {
        ProtoWriter g = new ProtoWriter()
                .message(1, ProtoWriter.node("MatMul", new String[] {"x", "onnx::MatMul_7"}, "m"))
                .message(1, ProtoWriter.node("Add", new String[] {"layer.dense.bias", "m"}, "y"))
                .string(2, "torch_jit")
                .message(
                        5,
                        ProtoWriter.tensor(
                                "embeddings.word_embeddings.weight",
                                FLOAT,
                                ProtoWriter.floatsLe(1, 2, 3, 4, 5, 6, 7, 8),
                                4,
                                2))
                .message(5, ProtoWriter.tensor("layer.dense.bias", FLOAT, ProtoWriter.floatsLe(0.5f, -1, 2), 3))
                // typed fallbacks: float_data (packed) and int64_data (packed), as older exporters write them
                .message(
                        5,
                        new ProtoWriter()
                                .packedVarints(1, 2, 3)
                                .varint(2, FLOAT)
                                .string(8, "onnx::MatMul_7")
                                .packedFloats(4, 11, 12, 13, 21, 22, 23))
                .message(
                        5,
                        new ProtoWriter()
                                .varint(1, 1)
                                .varint(1, 4)
                                .varint(2, INT64)
                                .string(8, "embeddings.position_ids")
                                .packedVarints(7, 0, 1, 2, 3))
                .message(5, ProtoWriter.tensor("onnx::Constant_9", FLOAT, ProtoWriter.floatsLe(8), 1))
                .message(11, ProtoWriter.valueInfo("x"))
                .message(12, ProtoWriter.valueInfo("y"));
        extra.accept(g);
        return g;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void parsesAndConvertsALinearLayer() throws IOException {
        Path onnx = write("linear.onnx", ProtoWriter.model(linearGraph(g -> {})));
        try (OnnxFile f = OnnxFile.open(onnx)) {
            assertEquals(7, f.irVersion());
            assertEquals("pytorch", f.producer());
            assertEquals(List.of("x"), f.graph().inputs());
            assertEquals(List.of("y"), f.graph().outputs());
            assertEquals(
                    List.of("MatMul", "Add"),
                    f.graph().nodes().stream().map(OnnxNode::opType).toList());
            assertEquals(
                    List.of("layer.dense.bias", "m"), f.graph().nodes().get(1).inputs());
        }
        Path out = tmp.resolve("linear.safetensors");
        List<String> names = OnnxToSafetensors.convert(onnx, out);
        assertEquals(
                Set.of(
                        "embeddings.word_embeddings.weight",
                        "layer.dense.bias",
                        "embeddings.position_ids",
                        "layer.dense.weight"),
                Set.copyOf(names));
        try (SafetensorsFile st = SafetensorsFile.open(out)) {
            assertEquals("pt", st.metadata().get("format"));
            assertArrayEquals(new long[] {3, 2}, st.tensor("layer.dense.weight").shape());
            // [in=2, out=3] rows (11,12,13), (21,22,23) become [out, in]
            assertArrayEquals(
                    new float[] {11, 21, 12, 22, 13, 23},
                    st.tensor("layer.dense.weight").toArray());
            assertArrayEquals(
                    new float[] {0.5f, -1, 2}, st.tensor("layer.dense.bias").toArray());
            assertEquals(
                    dev.jembed.engine.safetensors.DType.I64,
                    st.info("embeddings.position_ids").orElseThrow().dtype());
            assertArrayEquals(
                    new long[] {0, 1, 2, 3},
                    st.rawData("embeddings.position_ids")
                            .toArray(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN)));
            assertTrue(st.info("onnx::Constant_9").isEmpty(), "graph constants are dropped");
        }
    }

    @Test
    void readsTheRealMiniLmGraph() {
        try (OnnxFile f = OnnxFile.open(MiniLm.onnxFile())) {
            assertEquals(
                    List.of("input_ids", "attention_mask", "token_type_ids"),
                    f.graph().inputs());
            assertEquals(104, f.graph().initializers().size());
            assertEquals(
                    48,
                    f.graph().nodes().stream()
                            .filter(n -> n.opType().equals("MatMul"))
                            .count());
            OnnxTensor words = f.graph().initializers().get("embeddings.word_embeddings.weight");
            assertArrayEquals(new long[] {30522, 384}, words.dims());
            assertTrue(words.data().isMapped(), "raw_data is read in place");
        }
    }

    @Test
    void unexpectedGraphsAreRefusedWithTheReason() throws IOException {
        expectConvertError(
                ProtoWriter.model(linearGraph(g ->
                        g.message(1, ProtoWriter.node("Add", new String[] {"m", "layer.dense.bias"}, "y2")))),
                "feeds 2 Add nodes");
        expectConvertError(
                ProtoWriter.model(linearGraph(g -> g.message(
                        5,
                        ProtoWriter.tensor(
                                "layer.dense.weight", FLOAT, ProtoWriter.floatsLe(1, 2, 3, 4, 5, 6), 3, 2)))),
                "already exists");
        ProtoWriter noBias = new ProtoWriter()
                .message(1, ProtoWriter.node("MatMul", new String[] {"x", "onnx::MatMul_7"}, "m"))
                .message(1, ProtoWriter.node("Add", new String[] {"m", "x"}, "y"))
                .message(5, ProtoWriter.tensor("onnx::MatMul_7", FLOAT, ProtoWriter.floatsLe(1, 2), 1, 2));
        expectConvertError(ProtoWriter.model(noBias), "has 0 '*.bias' initializers");
        ProtoWriter noMatMul =
                new ProtoWriter().message(5, ProtoWriter.tensor("a.weight", FLOAT, ProtoWriter.floatsLe(1, 2), 2));
        expectConvertError(ProtoWriter.model(noMatMul), "no MatMul with an anonymous");
        ProtoWriter rank3 = new ProtoWriter()
                .message(1, ProtoWriter.node("MatMul", new String[] {"x", "onnx::MatMul_7"}, "m"))
                .message(1, ProtoWriter.node("Add", new String[] {"m", "l.bias"}, "y"))
                .message(5, ProtoWriter.tensor("l.bias", FLOAT, ProtoWriter.floatsLe(1), 1))
                .message(5, ProtoWriter.tensor("onnx::MatMul_7", FLOAT, ProtoWriter.floatsLe(1, 2), 1, 1, 2));
        expectConvertError(ProtoWriter.model(rank3), "expected a FLOAT matrix");
    }

    @Test
    void malformedTensorsAreRefused() throws IOException {
        expectConvertError(
                ProtoWriter.model(new ProtoWriter().message(5, ProtoWriter.tensor("s", STRING, new byte[0], 0))),
                "unsupported data_type 8");
        expectConvertError(
                ProtoWriter.model(new ProtoWriter()
                        .message(5, ProtoWriter.tensor("w", FLOAT, ProtoWriter.floatsLe(1, 2, 3), 2, 2))),
                "need 16 bytes, the tensor holds 12");
        expectConvertError(
                ProtoWriter.model(new ProtoWriter().message(5, ProtoWriter.tensor("w", FLOAT, new byte[0], -1))),
                "negative dimension");
        expectConvertError(
                ProtoWriter.model(
                        new ProtoWriter().message(5, ProtoWriter.tensor("w", FLOAT, new byte[0], 1L << 40, 1L << 40))),
                "overflow");
        expectConvertError(
                ProtoWriter.model(new ProtoWriter()
                        .message(
                                5,
                                ProtoWriter.tensor("w", FLOAT, ProtoWriter.floatsLe(1), 1)
                                        .varint(14, 1))),
                "external data");
        expectConvertError(
                ProtoWriter.model(new ProtoWriter()
                        .message(5, ProtoWriter.tensor("w", FLOAT, ProtoWriter.floatsLe(1), 1))
                        .message(5, ProtoWriter.tensor("w", FLOAT, ProtoWriter.floatsLe(1), 1))),
                "duplicate initializer 'w'");
        expectConvertError(
                ProtoWriter.model(new ProtoWriter()
                        .message(
                                5,
                                new ProtoWriter()
                                        .string(8, "w")
                                        .varint(2, FLOAT)
                                        .fixed32(1, 3))),
                "repeated integer field: wire type 5");
    }

    @Test
    void notOnnxFilesAreNamed() throws IOException {
        expectConvertError("hello, this is a text file\n".getBytes(), "malformed protobuf");
        expectConvertError(new byte[0], "not an ONNX model (no graph)");
        expectConvertError(new ProtoWriter().varint(1, 7).toByteArray(), "not an ONNX model (no graph)");
        expectConvertError(Fixtures.bytes("tiny/bert/model.safetensors"), "");
        expectConvertError(new ProtoWriter().message(7, new ProtoWriter()).toByteArray(), "no ir_version");
        Path missing = tmp.resolve("missing.onnx");
        assertEquals(
                missing,
                assertThrows(
                                OnnxException.class,
                                () -> OnnxToSafetensors.convert(missing, tmp.resolve("x.safetensors")))
                        .file());
    }

    @Test
    void everyTruncationAndRandomBitFlipsFailCleanly() {
        byte[] valid = ProtoWriter.model(linearGraph(g -> {}));
        Path name = tmp.resolve("fuzz.onnx");
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertTrue(importsInMemory(name, valid, "the valid model"));
            for (int length = 0; length < valid.length; length++) {
                String what = "truncated to " + length + " of " + valid.length + " bytes";
                assertTrue(!importsInMemory(name, Arrays.copyOf(valid, length), what), what + " was accepted");
            }
            SplittableRandom random = new SplittableRandom(1234);
            int rejected = 0;
            for (int trial = 0; trial < 5000; trial++) {
                byte[] bytes = valid.clone();
                int flips = 1 + random.nextInt(3);
                StringBuilder where = new StringBuilder("flips");
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(bytes.length);
                    int bit = random.nextInt(8);
                    bytes[at] ^= (byte) (1 << bit);
                    where.append(' ').append(at).append('.').append(bit);
                }
                if (!importsInMemory(name, bytes, where.toString())) rejected++;
            }
            assertTrue(rejected > 1000, "rejected " + rejected);
        });
    }

    /** Parses and maps the model in memory (no disk): true if it imports, false if rejected with a typed error. */
    private static boolean importsInMemory(Path name, byte[] bytes, String what) {
        try (Arena arena = Arena.ofConfined();
                OnnxFile f = OnnxFile.of(name, MemorySegment.ofArray(bytes).asReadOnly(), Arena.ofConfined())) {
            OnnxToSafetensors.hfTensors(f, arena);
            return true;
        } catch (OnnxException e) {
            assertEquals(name, e.file(), what);
            return false;
        } catch (Throwable e) {
            throw new AssertionError(what + ": untyped failure " + e, e);
        }
    }

    private void expectConvertError(byte[] model, String fragment) throws IOException {
        Path onnx = write("bad.onnx", model);
        OnnxException e = assertThrows(
                OnnxException.class, () -> OnnxToSafetensors.convert(onnx, tmp.resolve("bad.safetensors")));
        assertEquals(onnx, e.file());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("bad.safetensors")), "nothing is written on failure");
    }
}
