package dev.jembed.engine.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.jembed.engine.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Hugging Face {@code config.json} into an {@link EncoderConfig}: jackson-core streaming,
 * strict. {@code architectures} / {@code model_type} pick the architecture; every field the encoder
 * needs is type-checked and range-checked; fields the encoder does not use are skipped.
 *
 * <p>jembed's JSON reading rules (the same in the tokenizer's {@code JsonNode} and pooling's
 * sentence-transformers config reader):
 * <ol>
 *   <li>an optional field that is absent or {@code null} takes the default of the Hugging Face
 *       config class ({@code hidden_act} gelu, {@code layer_norm_eps} 1e-12, {@code type_vocab_size}
 *       2, {@code pad_token_id} 0, or 1 for RoBERTa);</li>
 *   <li>a required field that is absent is "missing", one that is {@code null} "is null";</li>
 *   <li>a present value of the wrong type is an error saying what was expected and what was found;</li>
 *   <li>every error is a {@link ModelFileException} naming the file and the field as a JSON Pointer
 *       (RFC 6901), e.g. {@code field /hidden_size: must be an integer, got "32"};</li>
 *   <li>a key given twice keeps its last value, as Python's {@code json} module (which
 *       transformers reads config.json with) does.</li>
 * </ol>
 */
final class ConfigJson {

    /** A config.json is a few hundred bytes; anything this large is not one. */
    static final int MAX_BYTES = 1 << 20;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .maxStringLength(1 << 16)
                    .build())
            .build();

    /** A nested object or an array of non-strings: skipped, only its presence is recorded. */
    private static final Object NESTED = new Object();

    private final Path file;
    private final Map<String, Object> fields;

    private ConfigJson(Path file, Map<String, Object> fields) {
        this.file = file;
        this.fields = fields;
    }

    /** Reads {@code file}. */
    static EncoderConfig read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) throw new ModelFileException(file, size + " bytes, too large for a config.json");
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file (a model folder needs its config.json)", e);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) throw new ModelFileException(file, "too large for a config.json");
        return parse(bytes, file);
    }

    /** Parses config.json content; {@code file} only names the source in error messages. */
    static EncoderConfig parse(byte[] json, Path file) {
        return new ConfigJson(file, topLevelFields(json, file)).toConfig();
    }

    private static Map<String, Object> topLevelFields(byte[] json, Path file) {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ModelFileException(file, "not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                fields.put(name, value(p, p.nextToken()));
            }
            if (t != JsonToken.END_OBJECT) throw new ModelFileException(file, "malformed JSON object");
            if (p.nextToken() != null) {
                throw new ModelFileException(file, "trailing content after the JSON object at " + location(p));
            }
        } catch (StreamConstraintsException e) {
            throw new ModelFileException(file, "JSON exceeds sane limits: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file, "malformed JSON: " + e.getMessage(), e);
        }
        return fields;
    }

    private static String location(JsonParser p) {
        return "line " + p.currentLocation().getLineNr() + ", column "
                + p.currentLocation().getColumnNr();
    }

    /** Scalars become String, Long, Double, Boolean or null; an all-string array a List; the rest NESTED. */
    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) throw new IOException("unexpected end of input");
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG
                        ? (Object) p.getLongValue()
                        : (Object) p.getDoubleValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_ARRAY -> stringArray(p);
            case START_OBJECT -> {
                p.skipChildren();
                yield NESTED;
            }
            default -> throw new IOException("unexpected token " + t);
        };
    }

    private static Object stringArray(JsonParser p) throws IOException {
        List<String> strings = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new IOException("unexpected end of input");
            if (t == JsonToken.VALUE_STRING) {
                strings.add(p.getText());
            } else {
                if (t.isStructStart()) p.skipChildren();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) throw new IOException("unexpected end of input");
                    if (t.isStructStart()) p.skipChildren();
                }
                return NESTED;
            }
        }
        return List.copyOf(strings);
    }

    private EncoderConfig toConfig() {
        Architecture arch = architecture();
        EncoderConfig config;
        if (arch == Architecture.DISTILBERT) {
            if (fields.get("sinusoidal_pos_embds") != null
                    && !(fields.get("sinusoidal_pos_embds") instanceof Boolean)) {
                throw invalid("sinusoidal_pos_embds", "must be true or false");
            }
            int dim = positiveInt("dim");
            int heads = positiveInt("n_heads");
            divides("n_heads", heads, "dim", dim);
            int vocab = positiveInt("vocab_size");
            config = build(
                    arch,
                    vocab,
                    dim,
                    positiveInt("n_layers"),
                    heads,
                    positiveInt("hidden_dim"),
                    activation("activation"),
                    EncoderConfig.DISTILBERT_LAYER_NORM_EPS,
                    positiveInt("max_position_embeddings"),
                    0,
                    padTokenId(vocab, 0));
        } else {
            String positions = optionalString("position_embedding_type", "absolute");
            if (!positions.equals("absolute")) {
                throw invalid("position_embedding_type", "\"" + positions + "\" is not supported (only \"absolute\")");
            }
            int hidden = positiveInt("hidden_size");
            int heads = positiveInt("num_attention_heads");
            divides("num_attention_heads", heads, "hidden_size", hidden);
            int vocab = positiveInt("vocab_size");
            int pad = padTokenId(vocab, arch == Architecture.ROBERTA ? 1 : 0);
            int maxPositions = positiveInt("max_position_embeddings");
            if (arch == Architecture.ROBERTA && maxPositions <= pad + 1) {
                throw invalid(
                        "max_position_embeddings",
                        maxPositions + " leaves no position for RoBERTa, whose positions start at pad_token_id + 1 = "
                                + (pad + 1));
            }
            config = build(
                    arch,
                    vocab,
                    hidden,
                    positiveInt("num_hidden_layers"),
                    heads,
                    positiveInt("intermediate_size"),
                    activation("hidden_act"),
                    layerNormEps(),
                    maxPositions,
                    optionalPositiveInt("type_vocab_size", 2),
                    pad);
        }
        return config;
    }

    private EncoderConfig build(
            Architecture arch,
            int vocab,
            int hidden,
            int layers,
            int heads,
            int intermediate,
            HiddenAct act,
            double eps,
            int maxPositions,
            int typeVocab,
            int pad) {
        try {
            return new EncoderConfig(
                    arch, vocab, hidden, layers, heads, intermediate, act, eps, maxPositions, typeVocab, pad);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, e.getMessage(), e);
        }
    }

    private Architecture architecture() {
        Object classes = fields.get("architectures");
        Architecture byClass = null;
        String className = null;
        if (classes != null) {
            if (!(classes instanceof List<?> list)) throw invalid("architectures", "must be an array of class names");
            if (!list.isEmpty()) {
                className = (String) list.getFirst();
                byClass = Architecture.ofClassName(className);
                if (byClass == null) {
                    throw new ModelFileException(
                            file,
                            "unsupported architecture " + className + "; jembed runs " + Architecture.supported());
                }
            }
        }
        String modelType = optionalString("model_type", null);
        Architecture byType = null;
        if (modelType != null) {
            byType = Architecture.ofModelType(modelType);
            if (byType == null) {
                throw new ModelFileException(
                        file, "unsupported model_type " + modelType + "; jembed runs " + Architecture.supported());
            }
        }
        if (byClass == null && byType == null) {
            throw new ModelFileException(
                    file,
                    "neither architectures nor model_type says what the model is; jembed runs "
                            + Architecture.supported());
        }
        if (byClass != null && byType != null && byClass != byType) {
            throw new ModelFileException(file, "architectures says " + className + " but model_type says " + modelType);
        }
        return byClass != null ? byClass : byType;
    }

    private HiddenAct activation(String field) {
        String act = optionalString(field, "gelu");
        return switch (act) {
            case "gelu" -> HiddenAct.GELU;
            case "gelu_new", "gelu_pytorch_tanh" -> HiddenAct.GELU_TANH;
            default ->
                throw invalid(field, "\"" + act + "\" is not supported (supported: gelu, gelu_new, gelu_pytorch_tanh)");
        };
    }

    private double layerNormEps() {
        Object v = fields.get("layer_norm_eps");
        if (v == null) return 1e-12;
        if (!(v instanceof Number n)) throw invalid("layer_norm_eps", "must be a number, got " + describe(v));
        double eps = n.doubleValue();
        if (!(eps > 0) || Double.isInfinite(eps) || (float) eps == 0f) {
            throw invalid("layer_norm_eps", "must be a positive float, got " + eps);
        }
        return eps;
    }

    private int padTokenId(int vocab, int fallback) {
        int pad = fields.get("pad_token_id") == null ? fallback : intField("pad_token_id");
        if (pad < 0 || pad >= vocab) {
            throw invalid("pad_token_id", pad + " is outside the vocabulary [0, " + vocab + ")");
        }
        return pad;
    }

    private void divides(String headsField, int heads, String widthField, int width) {
        if (width % heads != 0) {
            throw invalid(headsField, heads + " does not divide " + widthField + " " + width);
        }
    }

    private int positiveInt(String field) {
        if (!fields.containsKey(field)) throw invalid(field, "missing");
        if (fields.get(field) == null) throw invalid(field, "is null");
        int v = intField(field);
        if (v <= 0) throw invalid(field, "must be positive, got " + v);
        return v;
    }

    private int optionalPositiveInt(String field, int fallback) {
        return fields.get(field) == null ? fallback : positiveInt(field);
    }

    private int intField(String field) {
        Object v = fields.get(field);
        if (!(v instanceof Long l)) throw invalid(field, "must be an integer, got " + describe(v));
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw invalid(field, l + " is out of range");
        return (int) (long) l;
    }

    private String optionalString(String field, String fallback) {
        Object v = fields.get(field);
        if (v == null) return fallback;
        if (!(v instanceof String s)) throw invalid(field, "must be a string, got " + describe(v));
        return s;
    }

    private static String describe(Object v) {
        if (v == NESTED) return "an object or array";
        if (v instanceof List<?>) return "an array";
        if (v instanceof String s) return "\"" + s + "\"";
        return String.valueOf(v);
    }

    private ModelFileException invalid(String field, String reason) {
        return new ModelFileException(file, "field /" + field.replace("~", "~0").replace("/", "~1") + ": " + reason);
    }
}
