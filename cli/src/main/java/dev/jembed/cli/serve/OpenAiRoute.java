package dev.jembed.cli.serve;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings} (and {@code /embeddings}): the OpenAI embeddings API. {@code input}
 * is a string, an array of strings, or token id arrays; {@code encoding_format} {@code float} or
 * {@code base64} (little-endian float32, what the official SDKs ask for); {@code dimensions} keeps
 * the first n values and renormalizes. {@code model} is accepted and ignored: one model is served.
 * Inputs are truncated to the model's limit unless the server runs with {@code --auto-truncate false}.
 */
final class OpenAiRoute {
    private final EmbeddingService service;
    private final ServerConfig config;

    OpenAiRoute(EmbeddingService service, ServerConfig config) {
        this.service = service;
        this.config = config;
    }

    Response handle(byte[] body) throws InterruptedException {
        RequestJson json = RequestJson.parse(body);
        List<Input> inputs = Input.parse(json.get("input"), "input");
        boolean base64 = json.choice("encoding_format", "float", List.of("float", "base64"))
                .equals("base64");
        Integer dimensions = json.positiveInt("dimensions");
        json.string("model", null);
        json.string("user", null);
        var result = service.embed(
                new EmbeddingService.Request(inputs, config.autoTruncate(), false, null, true, dimensions));
        return Response.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            float[][] vectors = result.vectors();
            for (int i = 0; i < vectors.length; i++) {
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", i);
                g.writeFieldName("embedding");
                if (base64) g.writeString(base64(vectors[i]));
                else Response.writeVector(g, vectors[i]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", config.modelName());
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", result.tokens());
            g.writeNumberField("total_tokens", result.tokens());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** The vector's float32 values, little-endian, in base64: what the OpenAI SDKs decode. */
    static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }
}
