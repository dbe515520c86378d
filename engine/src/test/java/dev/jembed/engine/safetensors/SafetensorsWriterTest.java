package dev.jembed.engine.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.tensor.FloatTensor;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.tools.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer reproduces the reference library's bytes; F16/BF16 files written with it read back as float32. */
class SafetensorsWriterTest {

    private static final ValueLayout.OfShort U16_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"bert", "distilbert", "roberta"})
    void rewritingATransformersCheckpointGivesTheSameBytes(String arch) throws IOException {
        Path original = Fixtures.tinyModel(arch).resolve("model.safetensors");
        Path copy = tmp.resolve(arch + ".safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(original)) {
            List<SafetensorsWriter.Entry> entries = new ArrayList<>();
            // header order of the original is already the write order: feed them reversed to prove the sort
            List<TensorInfo> infos = new ArrayList<>(f.tensorInfos().values());
            java.util.Collections.reverse(infos);
            for (TensorInfo t : infos)
                entries.add(new SafetensorsWriter.Entry(t.name(), t.dtype().name(), t.shape(), f.rawData(t.name())));
            SafetensorsWriter.write(copy, f.metadata(), entries);
        }
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    }

    @Test
    void headerIsCompactSortedByDtypeThenNameAndSpacePadded() throws IOException {
        Path file = tmp.resolve("order.safetensors");
        SafetensorsWriter.write(
                file,
                Map.of("format", "pt"),
                List.of(
                        SafetensorsWriter.Entry.f32("b", new float[] {1}, 1),
                        SafetensorsWriter.Entry.i64("ids", new long[] {7}, 1),
                        new SafetensorsWriter.Entry("h", "F16", new long[] {2}, MemorySegment.ofArray(new byte[4])),
                        SafetensorsWriter.Entry.f32("a", new float[] {2, 3}, 2)));
        byte[] bytes = Files.readAllBytes(file);
        long n = java.nio.ByteBuffer.wrap(bytes, 0, 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[20,24]}}";
        assertEquals(json + " ".repeat((int) n - json.length()), header);
        assertEquals(8 + n + 24, bytes.length);
    }

    @Test
    void namesAreEscapedLikeSerdeJsonAndSortedByUtf8Bytes() {
        Path file = tmp.resolve("names.safetensors");
        // U+FF21 sorts before U+1F600 in UTF-16 order too, but U+E000 vs U+10000 differ: UTF-8 puts U+E000 first
        List<String> names = List.of("q\"uote", "back\\slash", "tab\tnl\n", "ctl\u0001", "\uE000", "\uD800\uDC00", "é");
        List<SafetensorsWriter.Entry> entries = new ArrayList<>();
        for (String name : names) entries.add(SafetensorsWriter.Entry.f32(name, new float[] {name.length()}, 1));
        SafetensorsWriter.write(file, null, entries);
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertTrue(f.metadata().isEmpty());
            assertEquals(new java.util.TreeSet<>(names), f.names());
            for (String name : names) assertEquals(name.length(), f.tensor(name).get(0));
            List<String> order =
                    f.tensorInfos().values().stream().map(TensorInfo::name).toList();
            assertTrue(order.indexOf("\uE000") < order.indexOf("\uD800\uDC00"), order.toString());
        }
        String header = new String(readUnchecked(file), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"ctl\\u0001\"") && header.contains("\"tab\\tnl\\n\"") && header.contains("\"é\""));
    }

    @Test
    void halfAndBfloat16ConvertOnceToFloat32() {
        short[] half = {0x3C00, (short) 0xC100, 0x7BFF, 0x0001, (short) 0x8000, 0x7C00, 0x7E00};
        float[] halfExpected = {1f, -2.5f, 65504f, 5.9604645e-8f, -0f, Float.POSITIVE_INFINITY, Float.NaN};
        float[] bfExpected = {1f, -2.5f, 3.3895314e38f, 1e-40f, -0f, Float.NEGATIVE_INFINITY, 0.333984375f};
        short[] bf = new short[bfExpected.length];
        for (int i = 0; i < bf.length; i++) bf[i] = (short) (Float.floatToRawIntBits(bfExpected[i]) >>> 16);
        // 1e-40 is subnormal; its top 16 bits are an exact bfloat16 value only after truncation
        bfExpected[3] = Float.intBitsToFloat((bf[3] & 0xFFFF) << 16);

        Path file = tmp.resolve("half.safetensors");
        SafetensorsWriter.write(
                file,
                Map.of("format", "pt"),
                List.of(
                        new SafetensorsWriter.Entry("h", "F16", new long[] {7}, le(half)),
                        new SafetensorsWriter.Entry("b", "BF16", new long[] {7, 1}, le(bf))));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(java.util.Set.of("b", "h"), f.names());
            FloatTensor h = f.tensor("h");
            assertArrayEquals(halfExpected, h.toArray());
            assertFalse(h.data().isMapped(), "converted data lives outside the mapping");
            assertSame(h, f.tensor("h"), "converted once");
            FloatTensor b = f.tensor("b");
            assertArrayEquals(new long[] {7, 1}, b.shape());
            assertArrayEquals(bfExpected, b.toArray());
        }
    }

    @Test
    void everyFloat16BitPatternConvertsExactly() {
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) all[i] = (short) i;
        Path file = tmp.resolve("all-half.safetensors");
        SafetensorsWriter.write(
                file, null, List.of(new SafetensorsWriter.Entry("h", "F16", new long[] {65536}, le(all))));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            FloatTensor h = f.tensor("h");
            for (int i = 0; i < all.length; i++) {
                float expected = Float.float16ToFloat(all[i]);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(h.get(i)), "bits " + i);
            }
        }
    }

    @Test
    void rejectsDuplicatesAndInconsistentEntries() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SafetensorsWriter.write(
                        tmp.resolve("d.safetensors"),
                        null,
                        List.of(
                                SafetensorsWriter.Entry.f32("x", new float[] {1}, 1),
                                SafetensorsWriter.Entry.f32("x", new float[] {1}, 1))));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.Entry.f32("x", new float[] {1, 2, 3}, 2));
        assertThrows(
                IllegalArgumentException.class, () -> SafetensorsWriter.Entry.f32("__metadata__", new float[] {1}, 1));
        assertFalse(Files.exists(tmp.resolve("d.safetensors")));
    }

    @Test
    void preservesMetadataOrderAndHeapFloatSegments() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("z", "1");
        meta.put("a", "two");
        Path file = tmp.resolve("meta.safetensors");
        float[] values = {1, 2, 3, 4, 5, 6};
        SafetensorsWriter.write(
                file,
                meta,
                List.of(new SafetensorsWriter.Entry("m", "F32", new long[] {2, 3}, MemorySegment.ofArray(values))));
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            assertEquals(List.of("z", "a"), List.copyOf(f.metadata().keySet()));
            assertArrayEquals(values, f.tensor("m").toArray());
        }
    }

    private static MemorySegment le(short[] values) {
        MemorySegment s = MemorySegment.ofArray(new byte[values.length * 2]);
        for (int i = 0; i < values.length; i++) s.setAtIndex(U16_LE, i, values[i]);
        return s;
    }

    private static byte[] readUnchecked(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
