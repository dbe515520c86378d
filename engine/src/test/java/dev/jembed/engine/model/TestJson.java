package dev.jembed.engine.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jembed.fixtures.TestFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the reference JSON files of the tests into maps, lists, strings, numbers (jackson-core only). */
final class TestJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxStringLength(1 << 26).build())
            .build();

    private TestJson() {}

    /** Parses a fixture of jembed-test-fixtures. */
    static Map<String, Object> resource(String name) {
        try (InputStream in = TestFixtures.open(name)) {
            try (JsonParser p = JSON.createParser(in)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> root = (Map<String, Object>) value(p, p.nextToken());
                return root;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) l.add(value(p, e));
                yield l;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + t);
        };
    }

    /** A nested list of numbers flattened to floats, row-major. */
    static float[] floats(Object nested) {
        List<Float> out = new ArrayList<>();
        flatten(nested, out);
        float[] f = new float[out.size()];
        for (int i = 0; i < f.length; i++) f[i] = out.get(i);
        return f;
    }

    private static void flatten(Object o, List<Float> out) {
        if (o instanceof List<?> l) {
            for (Object e : l) flatten(e, out);
        } else {
            out.add(((Number) o).floatValue());
        }
    }

    /** A list of numbers as ints. */
    static int[] ints(Object list) {
        List<?> l = (List<?>) list;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = ((Number) l.get(i)).intValue();
        return out;
    }

    /** A list of lists of numbers as int rows. */
    static int[][] ints2(Object list) {
        List<?> l = (List<?>) list;
        int[][] out = new int[l.size()][];
        for (int i = 0; i < out.length; i++) out[i] = ints(l.get(i));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }
}
