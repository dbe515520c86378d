package dev.jembed.tokenizer.json;

import dev.jembed.tokenizer.TokenizerFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value together with its JSON pointer and source file, so that every type error
 * reports where it is. jembed's JSON reading rules (the same in the engine's {@code ConfigJson} and
 * pooling's sentence-transformers config reader):
 * <ol>
 *   <li>an optional field that is absent or {@code null} takes its default, the one Hugging Face
 *       {@code tokenizers} uses ({@link #opt} and the {@code optX} accessors);</li>
 *   <li>a required field that is absent is "missing" ({@link #get}); one that is {@code null} is
 *       reported by the typed accessor as "expected ..., found null" (some tokenizer.json fields,
 *       such as {@code normalizer}, give {@code null} a meaning, so {@link #get} returns it);</li>
 *   <li>a present value of the wrong type is an error saying what was expected and what was found;</li>
 *   <li>every error is a {@link TokenizerFormatException} naming the file and the value's JSON
 *       Pointer (RFC 6901), e.g. {@code /model/vocab};</li>
 *   <li>a key given twice keeps its last value, as Python's {@code json} module does.</li>
 * </ol>
 */
public final class JsonNode {
    private final Object value;
    private final String path;
    private final String source;

    JsonNode(Object value, String path, String source) {
        this.value = value;
        this.path = path;
        this.source = source;
    }

    /** The raw value: Map, List, String, Long, Double, Boolean or {@link Json#NULL}. */
    public Object value() {
        return value;
    }

    public String path() {
        return path.isEmpty() ? "/" : path;
    }

    public String source() {
        return source;
    }

    public boolean isNull() {
        return value == Json.NULL;
    }

    public boolean isArray() {
        return value instanceof List;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public TokenizerFormatException error(String reason) {
        return new TokenizerFormatException(source, path(), reason);
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** The value as a {@code type}, or an error saying it is not {@code expected}. */
    private <T> T as(Class<T> type, String expected) throws TokenizerFormatException {
        if (!type.isInstance(value)) {
            throw error("expected " + expected + ", found " + describe(value));
        }
        return type.cast(value);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() throws TokenizerFormatException {
        return as(Map.class, "an object");
    }

    @SuppressWarnings("unchecked")
    private List<Object> asRawList() throws TokenizerFormatException {
        return as(List.class, "an array");
    }

    public List<JsonNode> asList() throws TokenizerFormatException {
        List<Object> raw = asRawList();
        List<JsonNode> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            out.add(new JsonNode(raw.get(i), path + "/" + i, source));
        }
        return out;
    }

    public String asString() throws TokenizerFormatException {
        return as(String.class, "a string");
    }

    public boolean asBoolean() throws TokenizerFormatException {
        return as(Boolean.class, "a boolean");
    }

    public long asLong() throws TokenizerFormatException {
        return as(Long.class, "an integer");
    }

    /** A non-negative int (ids, lengths). */
    public int asIndex() throws TokenizerFormatException {
        long l = asLong();
        if (l < 0 || l > Integer.MAX_VALUE) {
            throw error("expected a non-negative 32-bit integer, found " + l);
        }
        return (int) l;
    }

    public double asDouble() throws TokenizerFormatException {
        return value instanceof Long l ? l : as(Double.class, "a number");
    }

    /** True when the object has the key (even with a null value). */
    public boolean has(String key) throws TokenizerFormatException {
        return asMap().containsKey(key);
    }

    /** The member, or throws when absent. */
    public JsonNode get(String key) throws TokenizerFormatException {
        Map<String, Object> m = asMap();
        if (!m.containsKey(key)) {
            throw new TokenizerFormatException(source, path + "/" + escape(key), "missing");
        }
        return new JsonNode(m.get(key), path + "/" + escape(key), source);
    }

    /** The member, or null when absent or JSON null. */
    public JsonNode opt(String key) throws TokenizerFormatException {
        Map<String, Object> m = asMap();
        Object v = m.get(key);
        if (v == null || v == Json.NULL) {
            return null;
        }
        return new JsonNode(v, path + "/" + escape(key), source);
    }

    public String optString(String key, String dflt) throws TokenizerFormatException {
        JsonNode n = opt(key);
        return n == null ? dflt : n.asString();
    }

    public boolean optBoolean(String key, boolean dflt) throws TokenizerFormatException {
        JsonNode n = opt(key);
        return n == null ? dflt : n.asBoolean();
    }

    public int optIndex(String key, int dflt) throws TokenizerFormatException {
        JsonNode n = opt(key);
        return n == null ? dflt : n.asIndex();
    }

    public String getString(String key) throws TokenizerFormatException {
        return get(key).asString();
    }

    /** The child for an object key when iterating {@link #asMap()}. */
    public JsonNode child(String key, Object raw) {
        return new JsonNode(raw, path + "/" + escape(key), source);
    }

    private static String describe(Object v) {
        if (v == Json.NULL) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        return String.valueOf(v);
    }
}
