package dev.jembed.engine.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated JSON header of a safetensors file: the {@code __metadata__} strings and
 * one {@link TensorInfo} per tensor, in header order.
 *
 * <p>The header has exactly three levels (object, tensor object, field), so the parser walks it with
 * jackson-core's streaming API and rejects any token it does not expect at once: deep nesting,
 * unknown fields and non-integer numbers fail before anything is allocated for them.
 */
record SafetensorsHeader(Map<String, String> metadata, List<TensorInfo> tensors) {

    /** The reference implementation's cap on the header length (bytes). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** More dimensions than any real tensor has; bounds the work a hostile header can ask for. */
    static final int MAX_RANK = 64;

    static final String METADATA_KEY = "__metadata__";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4)
                    .maxNumberLength(40)
                    .build())
            .build();

    public SafetensorsHeader {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /**
     * Parses and validates {@code json} (the header bytes) for a data section of {@code dataLength}
     * bytes: every tensor's bytes must match its shape and dtype, and the tensors must tile the data
     * section exactly, without gaps or overlaps, as the format requires.
     */
    public static SafetensorsHeader parse(Path file, byte[] json, long dataLength) {
        if (json.length == 0 || json[0] != '{') {
            throw new SafetensorsException(file, "header does not start with '{' (not a safetensors file?)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsException(file, "header is not valid UTF-8", e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(text)) {
            expect(file, p.nextToken() == JsonToken.START_OBJECT, "header is not a JSON object");
            boolean sawMetadata = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (METADATA_KEY.equals(key)) {
                    expect(file, !sawMetadata, "duplicate __metadata__");
                    sawMetadata = true;
                    readMetadata(file, p, metadata);
                } else {
                    expect(file, !tensors.containsKey(key), "duplicate tensor name '" + key + "'");
                    tensors.put(key, readTensor(file, p, key, dataLength));
                }
            }
            expect(file, t == JsonToken.END_OBJECT, "malformed header JSON");
            expect(file, p.nextToken() == null, "trailing content after the header object");
        } catch (SafetensorsException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // jackson reports syntax errors and broken constraints (depth, number length) this way
            throw new SafetensorsException(file, "malformed header JSON: " + e.getMessage(), e);
        }
        List<TensorInfo> list = new ArrayList<>(tensors.values());
        checkTiling(file, list, dataLength);
        return new SafetensorsHeader(metadata, list);
    }

    private static void readMetadata(Path file, JsonParser p, Map<String, String> out) throws IOException {
        expect(file, p.nextToken() == JsonToken.START_OBJECT, "__metadata__ must be an object of strings");
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            expect(
                    file,
                    p.nextToken() == JsonToken.VALUE_STRING,
                    "__metadata__ value of '" + key + "' must be a string");
            expect(file, out.put(key, p.getText()) == null, "duplicate __metadata__ key '" + key + "'");
        }
        expect(file, t == JsonToken.END_OBJECT, "malformed __metadata__");
    }

    private static TensorInfo readTensor(Path file, JsonParser p, String name, long dataLength) throws IOException {
        String what = "tensor '" + name + "'";
        expect(file, p.nextToken() == JsonToken.START_OBJECT, what + " must be an object");
        DType dtype = null;
        long[] shape = null;
        long[] offsets = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "dtype" -> {
                    expect(file, dtype == null, what + ": duplicate dtype");
                    expect(file, p.nextToken() == JsonToken.VALUE_STRING, what + ": dtype must be a string");
                    String s = p.getText();
                    dtype = DType.parse(s)
                            .orElseThrow(() -> new SafetensorsException(
                                    file, what + ": unknown dtype '" + s + "' (known: " + DType.known() + ")"));
                }
                case "shape" -> {
                    expect(file, shape == null, what + ": duplicate shape");
                    shape = readInts(file, p, what + ": shape", MAX_RANK);
                }
                case "data_offsets" -> {
                    expect(file, offsets == null, what + ": duplicate data_offsets");
                    offsets = readInts(file, p, what + ": data_offsets", 2);
                    expect(file, offsets.length == 2, what + ": data_offsets must be [begin, end]");
                }
                default -> throw new SafetensorsException(file, what + ": unexpected field '" + field + "'");
            }
        }
        expect(file, t == JsonToken.END_OBJECT, what + ": malformed entry");
        expect(file, dtype != null, what + ": no dtype");
        expect(file, shape != null, what + ": no shape");
        expect(file, offsets != null, what + ": no data_offsets");
        long begin = offsets[0];
        long end = offsets[1];
        expect(file, begin <= end, what + ": data_offsets end " + end + " before begin " + begin);
        expect(
                file,
                end <= dataLength,
                what + ": data_offsets [" + begin + ", " + end + ") outside the data section of " + dataLength
                        + " bytes");
        long bytes;
        try {
            long elements = 1;
            for (long d : shape) elements = Math.multiplyExact(elements, d);
            bytes = Math.multiplyExact(elements, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new SafetensorsException(file, what + ": shape " + Arrays.toString(shape) + " overflows");
        }
        expect(
                file,
                bytes == end - begin,
                what + ": shape " + Arrays.toString(shape) + " x " + dtype + " needs " + bytes
                        + " bytes, data_offsets give " + (end - begin));
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** An array of at most {@code max} non-negative integers that fit in a long. */
    private static long[] readInts(Path file, JsonParser p, String what, int max) throws IOException {
        expect(file, p.nextToken() == JsonToken.START_ARRAY, what + " must be an array of integers");
        long[] values = new long[Math.min(max, 8)];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(file, t == JsonToken.VALUE_NUMBER_INT, what + " must hold integers only");
            JsonParser.NumberType type = p.getNumberType();
            expect(
                    file,
                    type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG,
                    what + ": integer " + p.getText() + " out of range");
            long v = p.getLongValue();
            expect(file, v >= 0, what + ": negative value " + v);
            expect(file, n < max, what + ": more than " + max + " entries");
            if (n == values.length) values = Arrays.copyOf(values, Math.min(max, n * 2));
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }

    /** The tensors must cover the data section exactly: no gap (room for a polyglot file), no overlap. */
    private static void checkTiling(Path file, List<TensorInfo> tensors, long dataLength) {
        List<TensorInfo> byOffset = new ArrayList<>(tensors);
        byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        TensorInfo previous = null;
        for (TensorInfo t : byOffset) {
            if (t.begin() < expected) {
                throw new SafetensorsException(
                        file,
                        "tensor '" + t.name() + "' [" + t.begin() + ", " + t.end() + ") overlaps tensor '"
                                + previous.name() + "' [" + previous.begin() + ", " + previous.end() + ")");
            }
            if (t.begin() > expected) {
                throw new SafetensorsException(
                        file,
                        "gap in the data section: bytes [" + expected + ", " + t.begin() + ") belong to no tensor");
            }
            expected = t.end();
            previous = t;
        }
        if (expected != dataLength) {
            throw new SafetensorsException(
                    file, "data section has " + dataLength + " bytes but the tensors cover " + expected);
        }
    }

    private static void expect(Path file, boolean condition, String reason) {
        if (!condition) throw new SafetensorsException(file, reason);
    }
}
