package dev.jembed.cli.serve;

import dev.jembed.pooling.ModelInfo;
import dev.jembed.pooling.SentenceTransformer;
import dev.jembed.tokenizer.Encoding;
import dev.jembed.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hugging Face text-embeddings-inference routes: {@code POST /embed}, {@code /similarity},
 * {@code /tokenize} and {@code GET /info}, with TEI's request fields, defaults and answers.
 */
final class TeiRoutes {
    private static final List<String> DIRECTIONS = List.of("right", "left");

    private final SentenceTransformer model;
    private final EmbeddingService service;
    private final ServerConfig config;
    private final Tokenizer untruncated;
    private final String version;

    TeiRoutes(SentenceTransformer model, EmbeddingService service, ServerConfig config, String version) {
        this.model = model;
        this.service = service;
        this.config = config;
        this.untruncated = model.tokenizer().withoutTruncation();
        this.version = version;
    }

    /** {@code inputs} (string or array), {@code normalize} (true), {@code truncate}, {@code truncation_direction}, {@code prompt_name}, {@code dimensions}. */
    Response embed(byte[] body) throws InterruptedException {
        RequestJson json = RequestJson.parse(body);
        List<Input> inputs = Input.parse(json.get("inputs"), "inputs");
        var request = new EmbeddingService.Request(
                inputs,
                json.bool("truncate", config.autoTruncate()),
                json.choice("truncation_direction", "right", DIRECTIONS).equals("left"),
                json.string("prompt_name", null),
                json.bool("normalize", true),
                json.positiveInt("dimensions"));
        float[][] vectors = service.embed(request).vectors();
        return Response.json(200, g -> {
            g.writeStartArray();
            for (float[] v : vectors) Response.writeVector(g, v);
            g.writeEndArray();
        });
    }

    /** {@code inputs: {source_sentence, sentences}}, {@code parameters: {truncate, truncation_direction, prompt_name}}: one score per sentence. */
    Response similarity(byte[] body) throws InterruptedException {
        RequestJson json = RequestJson.parse(body);
        RequestJson in = json.object("inputs");
        RequestJson parameters = json.optionalObject("parameters");
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input(stringValue(in.require("source_sentence"), "inputs.source_sentence"), null));
        if (!(in.require("sentences") instanceof List<?> sentences))
            throw ApiException.badRequest("`inputs.sentences` must be an array of strings");
        if (sentences.isEmpty()) throw ApiException.empty("`inputs.sentences` cannot be empty");
        for (int i = 0; i < sentences.size(); i++)
            inputs.add(new Input(stringValue(sentences.get(i), "inputs.sentences[" + i + "]"), null));
        var request = new EmbeddingService.Request(
                inputs,
                parameters.bool("truncate", config.autoTruncate()),
                parameters.choice("truncation_direction", "right", DIRECTIONS).equals("left"),
                parameters.string("prompt_name", null),
                true,
                null);
        float[][] v = service.embed(request).vectors();
        return Response.json(200, g -> {
            g.writeStartArray();
            for (int i = 1; i < v.length; i++) g.writeNumber(model.similarity(v[0], v[i]));
            g.writeEndArray();
        });
    }

    /** {@code inputs} (string or array of strings), {@code add_special_tokens} (true), {@code prompt_name}: the tokens with UTF-8 byte offsets. */
    Response tokenize(byte[] body) {
        RequestJson json = RequestJson.parse(body);
        Object value = json.require("inputs");
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) texts.add(stringValue(list.get(i), "inputs[" + i + "]"));
        } else {
            texts.add(stringValue(value, "inputs"));
        }
        service.checkCount(texts.size());
        boolean special = json.bool("add_special_tokens", true);
        String promptName = json.string("prompt_name", null);
        String prompt = "";
        if (promptName != null) {
            prompt = model.info().prompts().get(promptName);
            if (prompt == null) {
                throw ApiException.invalid("prompt name '" + promptName + "' not found in the configured prompts "
                        + model.info().prompts().keySet());
            }
        }
        List<String> prompted = new ArrayList<>();
        List<Encoding> encodings = new ArrayList<>();
        for (String t : texts) {
            prompted.add(prompt + t);
            encodings.add(untruncated.encode(prompt + t, special));
        }
        return Response.json(200, g -> {
            g.writeStartArray();
            for (int i = 0; i < encodings.size(); i++) {
                Encoding e = encodings.get(i);
                String text = prompted.get(i);
                int[] bytes = utf8Offsets(text);
                g.writeStartArray();
                for (int t = 0; t < e.length(); t++) {
                    boolean isSpecial = e.sequenceIds()[t] < 0;
                    g.writeStartObject();
                    g.writeNumberField("id", e.ids()[t]);
                    g.writeStringField(
                            "text", isSpecial ? e.tokens()[t] : text.substring(e.startOffsets()[t], e.endOffsets()[t]));
                    g.writeBooleanField("special", isSpecial);
                    if (isSpecial) {
                        g.writeNullField("start");
                        g.writeNullField("stop");
                    } else {
                        g.writeNumberField("start", bytes[e.startOffsets()[t]]);
                        g.writeNumberField("stop", bytes[e.endOffsets()[t]]);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        });
    }

    /** What TEI's {@code /info} reports, and the embedding dimension. */
    Response info() {
        ModelInfo info = model.info();
        return Response.json(200, g -> {
            g.writeStartObject();
            g.writeStringField("model_id", config.modelName());
            g.writeStringField("model_sha", info.commit());
            g.writeStringField(
                    "model_dtype",
                    switch (info.weights()) {
                        case "bf16" -> "bfloat16";
                        case "int8" -> "int8";
                        default -> "float32";
                    });
            g.writeObjectFieldStart("model_type");
            g.writeObjectFieldStart("embedding");
            g.writeStringField("pooling", info.pooling());
            g.writeEndObject();
            g.writeEndObject();
            g.writeNumberField("dimension", info.dimension());
            g.writeNumberField("max_concurrent_requests", config.maxConcurrentRequests());
            g.writeNumberField("max_input_length", model.maxSeqLength());
            g.writeNumberField("max_batch_tokens", config.maxBatchTokens());
            g.writeNullField("max_batch_requests");
            g.writeNumberField("max_client_batch_size", config.maxClientBatchSize());
            g.writeBooleanField("auto_truncate", config.autoTruncate());
            g.writeNumberField("tokenization_workers", Runtime.getRuntime().availableProcessors());
            g.writeStringField("version", version);
            g.writeNullField("sha");
            g.writeNullField("docker_label");
            g.writeEndObject();
        });
    }

    private static String stringValue(Object v, String field) {
        if (v instanceof String s) return s;
        throw ApiException.badRequest("`" + field + "` must be a string");
    }

    /** {@code result[i]}: UTF-8 bytes before UTF-16 index i of {@code text} (TEI reports byte offsets). */
    private static int[] utf8Offsets(String text) {
        int[] at = new int[text.length() + 1];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // a surrogate pair is 4 bytes: 2 for each half keeps both indices consistent
            at[i + 1] = at[i] + (c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3);
        }
        return at;
    }
}
