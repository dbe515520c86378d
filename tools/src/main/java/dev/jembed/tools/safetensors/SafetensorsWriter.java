package dev.jembed.tools.safetensors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes safetensors files byte for byte as the reference library ({@code safetensors} for Python,
 * a Rust core) does: tensors sorted by dtype (descending, i.e. widest alignment first) then by
 * name (UTF-8 bytes), contiguous data, compact JSON header starting with {@code __metadata__},
 * padded with spaces to a multiple of 8 bytes. Files are written to a temporary sibling and moved
 * into place, so a reader never sees a partial file.
 */
public final class SafetensorsWriter {

    private static final int ALIGN = 8;
    private static final int CHUNK = 1 << 20;
    private static final long MAX_BUFFER = 1L << 30;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String METADATA_KEY = "__metadata__";
    /**
     * The dtypes in the order of the reference Rust library's {@code Dtype} enum, which writers sort
     * by (descending: largest alignment first), so the order is part of the byte layout.
     */
    private static final List<String> DTYPES = List.of(
            "BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0", "I16", "U16", "F16", "BF16", "I32", "U32", "F32",
            "C64", "F64", "I64", "U64");

    private static final int[] DTYPE_BYTES = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 8, 8, 8, 8};

    private SafetensorsWriter() {}

    /**
     * One tensor to write.
     *
     * @param dtype as a safetensors header spells it: {@code "F32"}, {@code "BF16"}, {@code "I64"}, ...
     * @param data exactly {@code product(shape)} elements of the dtype's size, little-endian (any segment:
     *             mapped, native, or a heap array in the platform's little-endian order)
     */
    public record Entry(String name, String dtype, long[] shape, MemorySegment data) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dtype, "dtype");
            Objects.requireNonNull(data, "data");
            if (!DTYPES.contains(dtype))
                throw new IllegalArgumentException(name + ": unknown dtype " + dtype + "; one of " + DTYPES);
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("'" + name + "' is reserved for the metadata");
            }
            shape = shape.clone();
            long elements = 1;
            for (long d : shape) {
                if (d < 0)
                    throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
                elements = Math.multiplyExact(elements, d);
            }
            long bytes = Math.multiplyExact(elements, DTYPE_BYTES[DTYPES.indexOf(dtype)]);
            if (data.byteSize() != bytes) {
                throw new IllegalArgumentException(name + ": " + dtype + " " + Arrays.toString(shape) + " needs "
                        + bytes + " bytes, data has " + data.byteSize());
            }
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** An F32 tensor over a little-endian copy of {@code values}. */
        public static Entry f32(String name, float[] values, long... shape) {
            return new Entry(
                    name, "F32", shape, littleEndian(MemorySegment.ofArray(values), ValueLayout.JAVA_FLOAT_UNALIGNED));
        }

        /** An I64 tensor over a little-endian copy of {@code values}. */
        public static Entry i64(String name, long[] values, long... shape) {
            return new Entry(
                    name, "I64", shape, littleEndian(MemorySegment.ofArray(values), ValueLayout.JAVA_LONG_UNALIGNED));
        }

        /** A copy of the native-order {@code elements} of {@code values} in little-endian order. */
        private static MemorySegment littleEndian(MemorySegment values, ValueLayout element) {
            MemorySegment le = MemorySegment.ofArray(new byte[Math.toIntExact(values.byteSize())]);
            MemorySegment.copy(
                    values,
                    element,
                    0,
                    le,
                    element.withOrder(ByteOrder.LITTLE_ENDIAN),
                    0,
                    values.byteSize() / element.byteSize());
            return le;
        }
    }

    /**
     * Writes {@code tensors} to {@code out}.
     *
     * @param metadata the {@code __metadata__} strings in the order given (Hugging Face writes
     *                 {@code {"format": "pt"}}), or null to write no metadata entry at all
     * @throws IllegalArgumentException if two tensors share a name
     * @throws UncheckedIOException     if the file cannot be written (the message names it)
     */
    public static void write(Path out, Map<String, String> metadata, Collection<Entry> tensors) {
        List<Entry> sorted = sorted(tensors);
        byte[] header = header(metadata, sorted);
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // not Files.createTempFile: its owner-only permissions would stick to the model file
            tmp = dir.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + Thread.currentThread().threadId() + "." + System.nanoTime() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer prefix = ByteBuffer.allocate(Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(header.length)
                        .flip();
                writeFully(ch, prefix);
                writeFully(ch, ByteBuffer.wrap(header));
                ByteBuffer chunk = null;
                for (Entry e : sorted) {
                    MemorySegment d = e.data();
                    if (d.isNative() || d.heapBase().orElse(null) instanceof byte[]) {
                        // a ByteBuffer holds at most 2 GB
                        for (long off = 0; off < d.byteSize(); off += MAX_BUFFER) {
                            writeFully(
                                    ch,
                                    d.asSlice(off, Math.min(MAX_BUFFER, d.byteSize() - off))
                                            .asByteBuffer());
                        }
                        continue;
                    }
                    // a float[] or long[] heap segment has no ByteBuffer view: go through a bounce buffer
                    if (chunk == null) chunk = ByteBuffer.allocateDirect(CHUNK);
                    for (long off = 0; off < d.byteSize(); off += CHUNK) {
                        int len = (int) Math.min(CHUNK, d.byteSize() - off);
                        MemorySegment.copy(d, off, MemorySegment.ofBuffer(chunk), 0, len);
                        writeFully(ch, chunk.clear().limit(len));
                    }
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed: the temporary file is garbage either way
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** The write order: dtype descending, then name by UTF-8 bytes (Rust's String order). */
    static List<Entry> sorted(Collection<Entry> tensors) {
        Set<String> seen = new HashSet<>();
        for (Entry e : tensors) {
            if (!seen.add(e.name())) throw new IllegalArgumentException("duplicate tensor name '" + e.name() + "'");
        }
        List<Entry> list = new ArrayList<>(tensors);
        Comparator<Entry> byDtype = Comparator.comparingInt(e -> -DTYPES.indexOf(e.dtype()));
        list.sort(byDtype.thenComparing((a, b) -> Arrays.compareUnsigned(
                a.name().getBytes(StandardCharsets.UTF_8), b.name().getBytes(StandardCharsets.UTF_8))));
        return list;
    }

    /** The padded header bytes for tensors already in write order. */
    static byte[] header(Map<String, String> metadata, List<Entry> sorted) {
        StringBuilder json = new StringBuilder(64 + 96 * sorted.size()).append('{');
        boolean first = true;
        if (metadata != null) {
            json.append("\"__metadata__\":{");
            boolean firstKey = true;
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                if (!firstKey) json.append(',');
                quote(json, m.getKey()).append(':');
                quote(json, m.getValue());
                firstKey = false;
            }
            json.append('}');
            first = false;
        }
        long offset = 0;
        for (Entry e : sorted) {
            if (!first) json.append(',');
            first = false;
            quote(json, e.name()).append(":{\"dtype\":\"").append(e.dtype()).append("\",\"shape\":[");
            long[] shape = e.shape();
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) json.append(',');
                json.append(shape[i]);
            }
            long end = offset + e.data().byteSize();
            json.append("],\"data_offsets\":[")
                    .append(offset)
                    .append(',')
                    .append(end)
                    .append("]}");
            offset = end;
        }
        json.append('}');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length() + ALIGN);
        bytes.writeBytes(json.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.size() % ALIGN != 0) bytes.write(' ');
        return bytes.toByteArray();
    }

    /** A JSON string escaped as serde_json escapes it: quote, backslash and control characters only. */
    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    else out.append(c);
                }
            }
        }
        return out.append('"');
    }
}
