package dev.jembed.engine.safetensors;

import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the safetensors reader ({@link SafetensorsFile#of}, in memory): random bytes, random headers
 * behind a correct length, mutated valid files (small hand-made ones and the tiny BERT's weights) and
 * extreme declared header lengths. Every input either parses, and then every tensor it declares can be
 * read, or fails with a {@link SafetensorsException} (a {@link MissingTensorException} only for a
 * name the file does not have). Tries: {@code jqwik.tries.default} (CI: junit-platform.properties;
 * the long run sets it with -D, see fuzz/long-run.sh).
 */
@Tag("fuzz")
class SafetensorsFuzzTest {

    private static final String PARSER = "safetensors";
    private static final Path NAME = Path.of("fuzz.safetensors");

    /** Small valid files: every dtype family, metadata, an empty tensor, a scalar. */
    private static final List<byte[]> SEEDS = List.of(
            TestFiles.withHeader(
                    "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}",
                    16),
            TestFiles.withHeader(
                    "{\"w\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,1],\"data_offsets\":[6,8]},"
                            + "\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[8,24]}}",
                    24),
            TestFiles.withHeader(
                    "{\"e\":{\"dtype\":\"F32\",\"shape\":[0,5],\"data_offsets\":[0,0]},"
                            + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}",
                    4),
            TestFiles.withHeader(
                    "{\"__metadata__\":{},\"x\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]},"
                            + "\"y\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[3,7]}}   ",
                    7));

    private static final byte[] TINY_BERT = Fixtures.bytes("tiny/bert/model.safetensors");

    @Property
    void randomBytes(@ForAll @Size(max = 600) byte[] bytes) {
        parse(bytes);
    }

    @Property
    void randomHeaderBehindACorrectLength(
            @ForAll @Size(max = 400) byte[] header, @ForAll @IntRange(max = 64) int dataBytes) {
        parse(TestFiles.bytes(header.length, header, new byte[dataBytes]));
    }

    @Property
    void mutatedSmallFiles(@ForAll("seedIndex") int seed, @ForAll long mutation) {
        parse(Mutator.mutate(SEEDS.get(seed), mutation));
    }

    @Property
    void extremeDeclaredHeaderLengths(@ForAll("seedIndex") int seed, @ForAll("lengths") long declared) {
        byte[] b = SEEDS.get(seed).clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, declared);
        parse(b);
    }

    /** Mutations of a real 213 KB model file: fewer tries, each parse is larger. */
    @Property(tries = 100)
    void mutatedTinyBert(@ForAll long mutation) {
        parse(Mutator.mutate(TINY_BERT, mutation));
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @Provide
    Arbitrary<Long> lengths() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        0L,
                        1L,
                        2L,
                        -1L,
                        1L << 62,
                        Long.MAX_VALUE,
                        Long.MIN_VALUE,
                        SafetensorsHeader.MAX_HEADER_BYTES,
                        SafetensorsHeader.MAX_HEADER_BYTES + 1,
                        1L << 32,
                        (1L << 31) - 1),
                Arbitraries.longs());
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
                    try (SafetensorsFile f = SafetensorsFile.of(
                            NAME, MemorySegment.ofArray(bytes).asReadOnly(), Arena.ofConfined())) {
                        readEverything(f);
                    }
                },
                SafetensorsException.class);
    }

    /** A file that parsed must serve every tensor it declares from inside its data section. */
    private static void readEverything(SafetensorsFile f) {
        for (TensorInfo t : f.tensorInfos().values()) {
            MemorySegment raw = f.rawData(t.name());
            if (raw.byteSize() != t.byteLength()) throw new AssertionError(t + ": " + raw.byteSize() + " bytes");
            if (f.contains(t.name())) {
                FloatTensor ft = f.tensor(t.name());
                if (ft.data().byteSize() != t.elementCount() * Float.BYTES) throw new AssertionError(t + " as float");
            }
        }
        try {
            f.tensor("no such tensor \u0000");
            throw new AssertionError("a missing tensor was found");
        } catch (MissingTensorException expected) {
            // the documented answer for a missing name
        }
        String.valueOf(f.metadata()).getBytes(StandardCharsets.UTF_8);
    }
}
