package dev.jembed.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.tensor.Weights;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.tools.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, bit-flipped and hand-made hostile files: each either opens as a valid file or fails with a
 * {@link ModelFileException} naming the file, quickly and without large allocations; nothing else
 * (no OutOfMemoryError, StackOverflowError, IndexOutOfBoundsException, raw jackson exception) escapes.
 */
class HostileSafetensorsTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    /** A small valid file with three dtypes and no zero-length tensor, so every strict prefix is invalid. */
    private byte[] smallValidFile() throws IOException {
        Path file = tmp.resolve("small.safetensors");
        SafetensorsWriter.write(
                file,
                Map.of("format", "pt"),
                List.of(
                        SafetensorsWriter.Entry.f32("encoder.weight", new float[] {1, -2, 3.5f, 4, 5, 6}, 2, 3),
                        SafetensorsWriter.Entry.i64("position_ids", new long[] {0, 1, 2}, 1, 3),
                        new SafetensorsWriter.Entry(
                                "half", "F16", new long[] {2}, MemorySegment.ofArray(new byte[] {0, 0x3C, 0, (byte) 0xC0
                                }))));
        return Files.readAllBytes(file);
    }

    @Test
    void everyTruncationOfASmallFileFailsCleanly() throws IOException {
        byte[] valid = smallValidFile();
        Path file = tmp.resolve("cut.safetensors");
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int length = 0; length < valid.length; length++) {
                TestFiles.write(file, Arrays.copyOf(valid, length));
                expectRejected(file, "truncated to " + length + " of " + valid.length + " bytes");
            }
        });
        TestFiles.write(file, valid);
        openAndReadAll(file);
    }

    @Test
    void truncationsOfARealCheckpointFailCleanly() throws IOException {
        byte[] valid = Fixtures.bytes("tiny/bert/model.safetensors");
        long headerEnd = 8
                + java.nio.ByteBuffer.wrap(valid, 0, 8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        Path file = tmp.resolve("cut-bert.safetensors");
        SplittableRandom random = new SplittableRandom(7);
        List<Integer> lengths = new ArrayList<>();
        for (int i = 0; i < headerEnd + 16; i += 7) lengths.add(i);
        for (int i = 0; i < 100; i++) lengths.add((int) headerEnd + random.nextInt(valid.length - (int) headerEnd));
        lengths.add(valid.length - 1);
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int length : lengths) {
                TestFiles.write(file, Arrays.copyOf(valid, length));
                expectRejected(file, "truncated to " + length + " of " + valid.length + " bytes");
            }
        });
    }

    @Test
    void randomBitFlipsNeverEscapeAsAnythingButTypedErrors() throws IOException {
        byte[] valid = smallValidFile();
        long headerEnd = 8
                + java.nio.ByteBuffer.wrap(valid, 0, 8)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getLong();
        Path name = tmp.resolve("flipped.safetensors");
        SplittableRandom random = new SplittableRandom(20261123L);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(BUDGET, () -> {
            for (int trial = 0; trial < 5000; trial++) {
                byte[] bytes = valid.clone();
                int flips = 1 + random.nextInt(3);
                StringBuilder where = new StringBuilder();
                for (int f = 0; f < flips; f++) {
                    // mostly in the length and header, where the parser has to cope
                    int at = random.nextInt(10) < 8 ? random.nextInt((int) headerEnd) : random.nextInt(bytes.length);
                    int bit = random.nextInt(8);
                    bytes[at] ^= (byte) (1 << bit);
                    where.append(at).append('.').append(bit).append(' ');
                }
                // in memory: the same validation as a mapped file, without 5000 disk round trips
                outcomes[openOrReject(name, bytes, "bit flips at " + where) ? 0 : 1]++;
            }
        });
        assertTrue(outcomes[1] > 3500, "most header flips must be caught: " + Arrays.toString(outcomes));
    }

    @Test
    void handMadeHostileHeadersAreRejectedWithAReason() {
        String t = "{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        List<Case> cases = List.of(
                // lengths
                new Case(TestFiles.bytes(-1L, new byte[0], new byte[8]), "above the cap"),
                new Case(TestFiles.bytes(1L << 40, new byte[0], new byte[8]), "above the cap"),
                new Case(TestFiles.bytes(100_000_001L, new byte[0], new byte[8]), "above the cap"),
                new Case(TestFiles.bytes(1000, "{}".getBytes(), new byte[6]), "past the end"),
                new Case(new byte[] {2, 0, 0}, "shorter than the 8-byte"),
                new Case(TestFiles.bytes(0, new byte[0], new byte[0]), "does not start with '{'"),
                // JSON structure
                new Case(TestFiles.withHeader("[".repeat(1_000_000), 0), "does not start with '{'"),
                new Case(TestFiles.withHeader("{\"a\":" + "{\"a\":".repeat(500_000), 0), "unexpected field 'a'"),
                new Case(TestFiles.withHeader("{\"a\":" + "[".repeat(500_000), 0), "must be an object"),
                new Case(TestFiles.withHeader("{\"a\":{\"shape\":" + "[".repeat(500_000), 0), "integers only"),
                new Case(TestFiles.withHeader("{\"a\":{\"dtype\":" + "[".repeat(500_000), 0), "dtype must be a string"),
                new Case(
                        TestFiles.withHeader("{\"__metadata__\":{\"k\":" + "{\"k\":".repeat(500_000), 0),
                        "must be a string"),
                new Case(TestFiles.withHeader("{\"__metadata__\":[]}", 0), "must be an object of strings"),
                new Case(TestFiles.withHeader("{\"__metadata__\":{\"k\":1}}", 0), "must be a string"),
                new Case(
                        TestFiles.withHeader("{\"__metadata__\":{},\"__metadata__\":{}}", 0), "duplicate __metadata__"),
                new Case(
                        TestFiles.withHeader("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}}", 0),
                        "duplicate __metadata__ key"),
                new Case(TestFiles.withHeader("{\"a\":" + t + ",", 8), "malformed header JSON"),
                new Case(TestFiles.withHeader("{\"a\":" + t + "} {}", 8), "trailing content"),
                new Case(TestFiles.withHeader("{\"a\":" + t + "}x", 8), "malformed header JSON"),
                new Case(TestFiles.withHeader("{'a':1}", 0), "malformed header JSON"),
                new Case(TestFiles.bytes(4, new byte[] {'{', '"', (byte) 0xC3, '}'}, new byte[0]), "not valid UTF-8"),
                // tensor entries
                new Case(TestFiles.withHeader("{\"a\":" + t + ",\"a\":" + t + "}", 8), "duplicate tensor name 'a'"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("F32", "F33") + "}", 8), "unknown dtype 'F33'"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("F32", "f32") + "}", 8), "unknown dtype 'f32'"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("\"F32\"", "4") + "}", 8), "dtype must be a string"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[-2]") + "}", 8), "negative value -2"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[2.0]") + "}", 8), "integers only"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[1e1]") + "}", 8), "integers only"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[\"2\"]") + "}", 8), "integers only"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[99999999999999999999999]") + "}", 8),
                        "out of range"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[" + "9".repeat(5000) + "]") + "}", 8),
                        "malformed header JSON"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[4611686018427387904,4]") + "}", 8),
                        "overflows"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[" + "1,".repeat(64) + "2]") + "}", 8),
                        "more than 64"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[2]", "[3]") + "}", 8), "needs 12 bytes"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[-8,0]") + "}", 8), "negative value -8"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[8,0]") + "}", 8), "before begin"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[0,8,16]") + "}", 8), "more than 2"),
                new Case(TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[8]") + "}", 8), "[begin, end]"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[0,9223372036854775807]") + "}", 8),
                        "outside the data section"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[8,16]") + "}", 8),
                        "outside the data section"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t + ",\"b\":" + t.replace("[0,8]", "[4,12]") + "}", 16),
                        "overlaps"),
                new Case(TestFiles.withHeader("{\"a\":" + t + ",\"b\":" + t + "}", 16), "overlaps"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("[0,8]", "[8,16]") + "}", 16),
                        "gap in the data section"),
                new Case(TestFiles.withHeader("{\"a\":" + t + "}", 12), "cover 8"),
                new Case(TestFiles.withHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "no data_offsets"),
                new Case(TestFiles.withHeader("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "no dtype"),
                new Case(TestFiles.withHeader("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8), "no shape"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("}", ",\"x\":1}") + "}", 8), "unexpected field 'x'"),
                new Case(
                        TestFiles.withHeader("{\"a\":" + t.replace("}", ",\"dtype\":\"F32\"}") + "}", 8),
                        "duplicate dtype"),
                new Case(TestFiles.withHeader("{\"a\":null}", 0), "must be an object"));
        assertTimeoutPreemptively(BUDGET, () -> {
            int i = 0;
            for (Case c : cases) {
                Path file = TestFiles.write(tmp.resolve("hostile-" + i++ + ".safetensors"), c.bytes);
                ModelFileException e = expectRejected(file, "case " + (i - 1));
                assertTrue(e.getMessage().contains(c.fragment), "case " + (i - 1) + ": " + e.getMessage());
            }
        });
    }

    @Test
    void escapedNamesAndSpacePaddingAreValid() {
        // JSON escapes are decoded before the dtype and the name are looked at; JSON whitespace pads
        String t = "{\"dtype\":\"F3\\u0032\",\"shape\":[2],\"data_offsets\":[0,8]}";
        Path file = TestFiles.write(
                tmp.resolve("escaped.safetensors"), TestFiles.withHeader("{\"a\\u00e9\":" + t + "}     \n\t", 8));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(java.util.Set.of("aé"), f.names());
        }
    }

    private record Case(byte[] bytes, String fragment) {}

    /** Opens the file, expecting a typed rejection naming it. */
    private static ModelFileException expectRejected(Path file, String what) {
        try (Weights w = SafetensorsFile.open(file)) {
            fail(what + ": accepted " + w);
            return null;
        } catch (ModelFileException e) {
            assertEquals(file, e.file(), what);
            return e;
        } catch (Throwable e) {
            throw new AssertionError(what + ": untyped failure " + e, e);
        }
    }

    /** True if the file opened and every weight could be read; false if it was rejected with a typed error. */
    private static boolean openOrReject(Path file, byte[] bytes, String what) {
        try (SafetensorsFile f =
                SafetensorsFile.of(file, MemorySegment.ofArray(bytes).asReadOnly(), Arena.ofConfined())) {
            readAll(f);
            return true;
        } catch (ModelFileException e) {
            assertEquals(file, e.file(), what);
            return false;
        } catch (Throwable e) {
            throw new AssertionError(what + ": untyped failure " + e, e);
        }
    }

    private static void openAndReadAll(Path file) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            readAll(f);
        }
    }

    private static void readAll(SafetensorsFile f) {
        for (String name : f.names()) f.tensor(name).toArray();
        for (String name : f.tensorInfos().keySet()) f.rawData(name);
    }
}
