package dev.jembed.engine.onnx;

import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import dev.jembed.tools.onnx.OnnxException;
import dev.jembed.tools.onnx.OnnxFile;
import dev.jembed.tools.onnx.OnnxTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the ONNX protobuf reader ({@link OnnxFile#of} over its protobuf reader): random bytes and
 * mutations of small valid models (varints and lengths overwritten with 2^62, 2^64 - 1, negative
 * values; truncation; bit flips; invalid UTF-8 in names). Every input parses, and then every
 * initializer's data can be read whole, or fails with an {@link OnnxException}.
 */
@Tag("fuzz")
class OnnxFuzzTest {

    private static final String PARSER = "onnx";
    private static final Path NAME = Path.of("fuzz.onnx");
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    private static final List<byte[]> SEEDS = List.of(
            ProtoWriter.model(new ProtoWriter()
                    .message(1, ProtoWriter.node("MatMul", new String[] {"x", "w"}, "m"))
                    .message(1, ProtoWriter.node("Add", new String[] {"b", "m"}, "y"))
                    .string(2, "torch_jit")
                    .message(5, ProtoWriter.tensor("w", FLOAT, ProtoWriter.floatsLe(1, 2, 3, 4, 5, 6), 2, 3))
                    .message(5, ProtoWriter.tensor("b", FLOAT, ProtoWriter.floatsLe(0.5f, -1, 2), 3))
                    .message(11, ProtoWriter.valueInfo("x"))
                    .message(12, ProtoWriter.valueInfo("y"))),
            ProtoWriter.model(new ProtoWriter()
                    .message(
                            5,
                            new ProtoWriter()
                                    .packedVarints(1, 2, 3)
                                    .varint(2, FLOAT)
                                    .string(8, "f")
                                    .packedFloats(4, 11, 12, 13, 21, 22, 23))
                    .message(
                            5,
                            new ProtoWriter()
                                    .varint(1, 1)
                                    .varint(1, 4)
                                    .varint(2, INT64)
                                    .string(8, "ids")
                                    .packedVarints(7, 0, 1, 2, 3))
                    .message(11, ProtoWriter.valueInfo("ids"))
                    .message(12, ProtoWriter.valueInfo("f"))));

    @Property
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        parse(bytes);
    }

    @Property
    void mutatedModels(@ForAll("seedIndex") int seed, @ForAll long mutation) {
        parse(Mutator.mutate(SEEDS.get(seed), mutation));
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @AfterContainer
    static void report() {
        FuzzCheck.report(PARSER);
    }

    private static void parse(byte[] bytes) {
        FuzzCheck.check(
                PARSER,
                bytes.length,
                () -> {
                    try (OnnxFile f =
                            OnnxFile.of(NAME, MemorySegment.ofArray(bytes).asReadOnly(), Arena.ofConfined())) {
                        for (OnnxTensor t : f.graph().initializers().values()) {
                            if (t.data().byteSize() > 0)
                                t.data().get(ValueLayout.JAVA_BYTE, t.data().byteSize() - 1);
                        }
                        f.graph().nodes().forEach(n -> n.inputs().size());
                    }
                },
                OnnxException.class);
    }
}
