package dev.jembed.pooling.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jembed.pooling.ModelConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a small JSON document (a configuration file, a hub API answer) into plain Java values with
 * jackson-core's streaming parser: {@code Map<String,Object>} (insertion ordered), {@code List<Object>},
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} and {@code null}.
 */
public final class Json {
    // Config files are tiny; the limits keep a hostile file from costing memory or stack.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxDocumentLength(16L << 20)
                    .build())
            .build();

    private Json() {}

    /** Parses {@code file}; a missing or malformed file is a {@link ModelConfigException} naming it. */
    public static Object parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file);
        } catch (NoSuchFileException e) {
            throw new ModelConfigException(file, null, "file not found");
        } catch (IOException e) {
            throw new ModelConfigException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses a whole document from {@code in}; {@code source} names it in errors. */
    public static Object parse(InputStream in, Path source) {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new ModelConfigException(source, null, "empty file, expected JSON");
            Object value = read(p);
            if (p.nextToken() != null) {
                throw new ModelConfigException(
                        source,
                        null,
                        "malformed JSON: trailing content at "
                                + p.currentLocation().offsetDescription());
            }
            return value;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new ModelConfigException(source, null, "malformed JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new ModelConfigException(source, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, read(p));
                }
                return Collections.unmodifiableMap(map);
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(read(p));
                return Collections.unmodifiableList(list);
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                // transformers writes "no limit" as 1000000000000000019884624838656, beyond a long.
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getDoubleValue()
                        : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected token " + t);
        }
    }
}
