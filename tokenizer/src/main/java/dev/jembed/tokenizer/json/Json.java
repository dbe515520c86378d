package dev.jembed.tokenizer.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jembed.tokenizer.TokenizerFormatException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON document into plain Java values with the jackson-core streaming parser:
 * objects become {@link LinkedHashMap}, arrays {@link ArrayList}, strings {@link String},
 * integers {@link Long}, other numbers {@link Double}, booleans {@link Boolean}, null
 * {@link #NULL}. The parse is iterative (an explicit stack), so nesting depth cannot overflow the
 * Java stack; jackson's own nesting limit applies.
 */
public final class Json {
    /** The JSON null value (maps cannot hold Java null unambiguously). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    // Vocabularies are objects with tens of thousands of keys: interning each key (jackson's default)
    // thrashes its small intern cache and costs most of the load time.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE / 2)
                    .maxNestingDepth(1000)
                    .build())
            .build();

    private Json() {}

    /** Parses a whole document and returns its root wrapped with its source name for error messages. */
    public static JsonNode parse(InputStream in, String source) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            Object root = read(p, source);
            if (p.nextToken() != null) {
                throw new TokenizerFormatException(source, pointer(p), "trailing content after the JSON document");
            }
            return new JsonNode(root, "", source);
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException(
                    source,
                    e.getProcessor() instanceof JsonParser jp ? pointer(jp) : null,
                    "malformed JSON: " + e.getOriginalMessage(),
                    e);
        } catch (CharConversionException e) {
            // jackson detects UTF-16/32 from the first bytes and reports bytes of none of them this way
            throw new TokenizerFormatException(
                    source, null, "not JSON text in a Unicode encoding: " + e.getMessage(), e);
        }
    }

    private static String pointer(JsonParser p) {
        String ptr = p.getParsingContext().pathAsPointer().toString();
        return ptr.isEmpty() ? "/" : ptr;
    }

    private static Object read(JsonParser p, String source) throws IOException {
        ArrayDeque<Object> containers = new ArrayDeque<>();
        ArrayDeque<String> keys = new ArrayDeque<>();
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new TokenizerFormatException(source, null, "empty file, expected a JSON document");
        }
        Object root = null;
        while (true) {
            if (t == null) {
                throw new TokenizerFormatException(source, pointer(p), "unexpected end of input (truncated JSON)");
            }
            Object value;
            boolean scalar = true;
            switch (t) {
                case START_OBJECT -> {
                    value = new LinkedHashMap<String, Object>();
                    scalar = false;
                }
                case START_ARRAY -> {
                    value = new ArrayList<Object>();
                    scalar = false;
                }
                case END_OBJECT, END_ARRAY -> {
                    value = containers.pop();
                    if (containers.isEmpty()) {
                        return value;
                    }
                    t = p.nextToken();
                    continue;
                }
                case FIELD_NAME -> {
                    keys.push(p.currentName());
                    t = p.nextToken();
                    continue;
                }
                case VALUE_STRING -> value = p.getText();
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        value = (Object) p.getDoubleValue();
                    } else {
                        value = (Object) p.getLongValue();
                    }
                }
                case VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
                case VALUE_TRUE -> value = Boolean.TRUE;
                case VALUE_FALSE -> value = Boolean.FALSE;
                case VALUE_NULL -> value = NULL;
                default -> throw new TokenizerFormatException(source, pointer(p), "unexpected JSON token " + t);
            }
            if (containers.isEmpty()) {
                root = value;
                if (scalar) {
                    return root;
                }
            } else {
                attach(containers.peek(), keys, value);
            }
            if (!scalar) {
                containers.push(value);
            }
            t = p.nextToken();
        }
    }

    @SuppressWarnings("unchecked")
    private static void attach(Object container, ArrayDeque<String> keys, Object value) {
        if (container instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(keys.pop(), value);
        } else {
            ((List<Object>) container).add(value);
        }
    }
}
