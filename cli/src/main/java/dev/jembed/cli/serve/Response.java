package dev.jembed.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An answer to send: status, content type and the whole body (so its length is known up front). */
record Response(int status, String contentType, byte[] body) {
    private static final JsonFactory JSON = new JsonFactory();

    /** What writes a JSON body. */
    @FunctionalInterface
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static Response json(int status, JsonBody body) {
        var bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new Response(status, "application/json", bytes.toByteArray());
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** TEI's error body: {@code {"error": message, "error_type": type}}. */
    static Response teiError(ApiException e) {
        return json(e.status(), g -> {
            g.writeStartObject();
            g.writeStringField("error", e.getMessage());
            g.writeStringField("error_type", e.errorType());
            g.writeEndObject();
        });
    }

    /** OpenAI's error body: {@code {"error": {"message", "type", "code"}}}. */
    static Response openAiError(ApiException e) {
        String type = switch (e.status()) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 400, 413, 422 -> "invalid_request_error";
            default -> "server_error";
        };
        return json(e.status(), g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", e.getMessage());
            g.writeStringField("type", type);
            g.writeStringField("code", e.errorType().toLowerCase(java.util.Locale.ROOT));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A vector as a JSON array of float32 values (shortest text that reads back to the same float). */
    static void writeVector(JsonGenerator g, float[] v) throws IOException {
        g.writeStartArray();
        for (float f : v) g.writeNumber(f);
        g.writeEndArray();
    }
}
