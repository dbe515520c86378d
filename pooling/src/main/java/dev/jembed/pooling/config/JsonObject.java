package dev.jembed.pooling.config;

import dev.jembed.pooling.ModelConfigException;
import dev.jembed.pooling.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, checked access to one JSON object of a configuration file, under jembed's JSON reading
 * rules (the same in the tokenizer's {@code JsonNode} and the engine's {@code ConfigJson}):
 * <ol>
 *   <li>an optional field that is absent or {@code null} takes its default, the one
 *       sentence-transformers uses;</li>
 *   <li>a required field that is absent is "missing", one that is {@code null} "is null";</li>
 *   <li>a present value of the wrong type is an error saying what was expected and what was found;</li>
 *   <li>every error is a {@link ModelConfigException} naming the file and the field as a JSON
 *       Pointer (RFC 6901), e.g. {@code /modules/2/type};</li>
 *   <li>a key given twice keeps its last value, as Python's {@code json} module does.</li>
 * </ol>
 */
final class JsonObject {
    private final Path file;
    private final String path;
    private final Map<String, Object> map;

    private JsonObject(Path file, String path, Map<String, Object> map) {
        this.file = file;
        this.path = path;
        this.map = map;
    }

    /** The root object of {@code file}. */
    static JsonObject read(Path file) {
        return of(file, "", Json.parse(file));
    }

    @SuppressWarnings("unchecked")
    static JsonObject of(Path file, String path, Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new ModelConfigException(
                    file, path.isEmpty() ? null : path, "expected a JSON object, found " + describe(value));
        }
        return new JsonObject(file, path, (Map<String, Object>) m);
    }

    Path file() {
        return file;
    }

    Set<String> keys() {
        return map.keySet();
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    /** The JSON Pointer of {@code key} in this object. */
    String field(String key) {
        return pointer(path, key);
    }

    /** {@code parent} extended by one reference token, escaped as RFC 6901 says. */
    static String pointer(String parent, Object token) {
        return parent + "/" + token.toString().replace("~", "~0").replace("/", "~1");
    }

    ModelConfigException error(String key, String reason) {
        return new ModelConfigException(file, field(key), reason);
    }

    private Object required(String key) {
        if (!map.containsKey(key)) throw error(key, "missing");
        Object v = map.get(key);
        if (v == null) throw error(key, "is null");
        return v;
    }

    String string(String key) {
        Object v = required(key);
        if (v instanceof String s) return s;
        throw error(key, "expected a string, found " + describe(v));
    }

    String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    int integer(String key) {
        Object v = required(key);
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return l.intValue();
        throw error(key, "expected an integer, found " + describe(v));
    }

    Integer integer(String key, Integer fallback) {
        if (!has(key)) return fallback;
        return integer(key);
    }

    /** A non-integral JSON number is accepted only when it is a whole number (Python writes 1e30 as a float). */
    double number(String key) {
        Object v = required(key);
        if (v instanceof Long l) return l;
        if (v instanceof Double d) return d;
        throw error(key, "expected a number, found " + describe(v));
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) return fallback;
        Object v = map.get(key);
        if (v instanceof Boolean b) return b;
        throw error(key, "expected true or false, found " + describe(v));
    }

    JsonObject object(String key) {
        return of(file, field(key), required(key));
    }

    @SuppressWarnings("unchecked")
    List<Object> array(String key) {
        Object v = required(key);
        if (v instanceof List<?> l) return (List<Object>) l;
        throw error(key, "expected a JSON array, found " + describe(v));
    }

    Object raw(String key) {
        return map.get(key);
    }

    /** A JSON object whose values are all strings, e.g. {@code prompts}. */
    Map<String, String> stringMap(String key) {
        JsonObject o = object(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : o.keys()) out.put(k, o.string(k));
        return out;
    }

    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        if (v instanceof Map<?, ?>) return "an object";
        if (v instanceof List<?>) return "an array";
        if (v instanceof Boolean) return "boolean " + v;
        return "number " + v;
    }
}
