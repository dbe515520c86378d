package dev.jembed.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body as plain values ({@code Map}, {@code List}, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code null}), and typed access to its fields. Every problem is
 * an {@link ApiException} (400 or 422) naming the field and the reason.
 */
final class RequestJson {
    // the body cap bounds the document; these bound what one document can make the parser do
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();

    private final Map<String, Object> fields;

    private RequestJson(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Parses a body that must be a JSON object in strict UTF-8. */
    static RequestJson parse(byte[] body) {
        if (body.length == 0) throw ApiException.badRequest("empty request body: expected a JSON object");
        String text;
        try {
            // strict (a new decoder reports malformed input; new String and a JSON parser would replace
            // or pass on some malformed sequences)
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("request body is not valid UTF-8");
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT)
                throw ApiException.badRequest("request body must be a JSON object");
            Object value = read(p);
            if (p.nextToken() != null)
                throw ApiException.badRequest("malformed JSON: trailing content after the object");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return new RequestJson(map);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the request body: " + e.getMessage());
        }
    }

    private static Object read(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p));
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getDoubleValue()
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected token " + p.currentToken());
        };
    }

    /** The raw value of {@code field}, or null when absent or null. */
    Object get(String field) {
        return fields.get(field);
    }

    /** A required field's value. */
    Object require(String field) {
        Object v = fields.get(field);
        if (v == null) throw ApiException.badRequest("missing field `" + field + "`");
        return v;
    }

    /** A nested object. */
    RequestJson object(String field) {
        Object v = require(field);
        if (!(v instanceof Map<?, ?>)) throw ApiException.badRequest("`" + field + "` must be an object");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) v;
        return new RequestJson(map);
    }

    /** An optional nested object (empty when absent). */
    RequestJson optionalObject(String field) {
        return fields.get(field) == null ? new RequestJson(Map.of()) : object(field);
    }

    String string(String field, String fallback) {
        Object v = fields.get(field);
        if (v == null) return fallback;
        if (!(v instanceof String s)) throw ApiException.badRequest("`" + field + "` must be a string");
        return s;
    }

    boolean bool(String field, boolean fallback) {
        Object v = fields.get(field);
        if (v == null) return fallback;
        if (!(v instanceof Boolean b)) throw ApiException.badRequest("`" + field + "` must be true or false");
        return b;
    }

    /** A positive integer, or null when absent. */
    Integer positiveInt(String field) {
        Object v = fields.get(field);
        if (v == null) return null;
        if (!(v instanceof Long l)) throw ApiException.badRequest("`" + field + "` must be an integer");
        if (l < 1 || l > Integer.MAX_VALUE) throw ApiException.invalid("`" + field + "` should be positive, got " + l);
        return (int) (long) l;
    }

    /** One of {@code choices} (case-insensitive), or {@code fallback} when absent. */
    String choice(String field, String fallback, List<String> choices) {
        String s = string(field, null);
        if (s == null) return fallback;
        for (String c : choices) if (c.equalsIgnoreCase(s)) return c;
        throw ApiException.badRequest("`" + field + "` must be one of " + choices + ", got '" + s + "'");
    }
}
