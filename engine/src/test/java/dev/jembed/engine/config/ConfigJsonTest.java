package dev.jembed.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** config.json -> EncoderConfig: the real configs, the architecture decision, and every way a config can be wrong. */
class ConfigJsonTest {
    private static final Path FILE = Path.of("models/x/config.json");

    private static final String BERT = """
            {"architectures": ["BertModel"], "hidden_act": "gelu", "hidden_size": 32, "intermediate_size": 64,
             "layer_norm_eps": 1e-12, "max_position_embeddings": 64, "model_type": "bert",
             "num_attention_heads": 4, "num_hidden_layers": 2, "pad_token_id": 0, "type_vocab_size": 2,
             "vocab_size": 1000}""";

    static EncoderConfig parse(String json) {
        return ConfigJson.parse(json.getBytes(StandardCharsets.UTF_8), FILE);
    }

    static ModelFileException fails(String json) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith(FILE.toString()), "names the file: " + e.getMessage());
        assertEquals(FILE, e.file());
        return e;
    }

    static void failsWith(String json, String... fragments) {
        String message = fails(json).getMessage();
        for (String f : fragments) assertTrue(message.contains(f), "'" + f + "' in: " + message);
    }

    @Test
    void realConfigs() {
        EncoderConfig minilm = ConfigJson.read(Fixtures.path("minilm/st-config/config.json"));
        assertEquals(
                new EncoderConfig(Architecture.BERT, 30522, 384, 6, 12, 1536, HiddenAct.GELU, 1e-12, 512, 2, 0),
                minilm);
        assertEquals(32, minilm.headDim());
        assertEquals(512, minilm.maxSequenceLength());

        assertEquals(
                new EncoderConfig(Architecture.BERT, 1000, 32, 2, 4, 64, HiddenAct.GELU, 1e-12, 64, 2, 0),
                ConfigJson.read(Fixtures.tinyModel("bert").resolve("config.json")));
        assertEquals(
                new EncoderConfig(Architecture.DISTILBERT, 1000, 32, 2, 4, 64, HiddenAct.GELU, 1e-12, 64, 0, 0),
                ConfigJson.read(Fixtures.tinyModel("distilbert").resolve("config.json")));
        EncoderConfig roberta = ConfigJson.read(Fixtures.tinyModel("roberta").resolve("config.json"));
        assertEquals(
                new EncoderConfig(Architecture.ROBERTA, 1000, 32, 2, 4, 64, HiddenAct.GELU, 1e-5, 66, 1, 1), roberta);
        assertEquals(64, roberta.maxSequenceLength());
    }

    @ParameterizedTest
    @CsvSource({
        "BertModel, bert, BERT",
        "BertForMaskedLM, bert, BERT",
        "BertForSequenceClassification, bert, BERT",
        "DistilBertModel, distilbert, DISTILBERT",
        "DistilBertForMaskedLM, distilbert, DISTILBERT",
        "RobertaModel, roberta, ROBERTA",
        "RobertaForMaskedLM, roberta, ROBERTA",
        "XLMRobertaModel, xlm-roberta, ROBERTA",
        "XLMRobertaForMaskedLM, xlm-roberta, ROBERTA"
    })
    void architecturesAndModelTypeDecide(String className, String modelType, Architecture expected) {
        assertEquals(expected, Architecture.ofClassName(className));
        assertEquals(expected, Architecture.ofModelType(modelType));
        String fields = expected == Architecture.DISTILBERT
                ? "\"dim\": 32, \"n_heads\": 4, \"n_layers\": 2, \"hidden_dim\": 64, \"vocab_size\": 1000, \"max_position_embeddings\": 64"
                : "\"hidden_size\": 32, \"num_attention_heads\": 4, \"num_hidden_layers\": 2, \"intermediate_size\": 64, \"vocab_size\": 1000, \"max_position_embeddings\": 66";
        assertEquals(
                expected,
                parse("{\"architectures\": [\"" + className + "\"], \"model_type\": \"" + modelType + "\", " + fields
                                + "}")
                        .architecture());
        assertEquals(
                expected,
                parse("{\"architectures\": [\"" + className + "\"], " + fields + "}")
                        .architecture());
        assertEquals(
                expected,
                parse("{\"model_type\": \"" + modelType + "\", " + fields + "}").architecture());
    }

    @Test
    void defaultsAreThoseOfTheHuggingFaceConfigClasses() {
        EncoderConfig bert = parse("""
                {"model_type": "bert", "hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 2,
                 "intermediate_size": 64, "vocab_size": 1000, "max_position_embeddings": 64, "pad_token_id": null}""");
        assertEquals(HiddenAct.GELU, bert.hiddenAct());
        assertEquals(1e-12, bert.layerNormEps());
        assertEquals(2, bert.typeVocabSize());
        assertEquals(0, bert.padTokenId());
        EncoderConfig roberta = parse("""
                {"model_type": "roberta", "hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 2,
                 "intermediate_size": 64, "vocab_size": 1000, "max_position_embeddings": 66}""");
        assertEquals(1, roberta.padTokenId());
        assertEquals(64, roberta.maxSequenceLength());
    }

    @Test
    void activationsAndEps() {
        assertEquals(
                HiddenAct.GELU_TANH,
                parse(BERT.replace("\"gelu\"", "\"gelu_new\"")).hiddenAct());
        assertEquals(
                HiddenAct.GELU_TANH,
                parse(BERT.replace("\"gelu\"", "\"gelu_pytorch_tanh\"")).hiddenAct());
        assertEquals(1e-5, parse(BERT.replace("1e-12", "1e-5")).layerNormEps());
        assertEquals(1.0, parse(BERT.replace("1e-12", "1")).layerNormEps());
        // DistilBERT hard-codes its LayerNorm eps; a stray layer_norm_eps does not change it.
        String distil = """
                {"architectures": ["DistilBertModel"], "activation": "gelu_new", "dim": 32, "n_heads": 4, "n_layers": 2,
                 "hidden_dim": 64, "vocab_size": 1000, "max_position_embeddings": 64, "layer_norm_eps": 1e-5}""";
        assertEquals(1e-12, parse(distil).layerNormEps());
        assertEquals(HiddenAct.GELU_TANH, parse(distil).hiddenAct());
    }

    @Test
    void unsupportedArchitecturesListTheSupportedOnes() {
        failsWith(
                BERT.replace("BertModel", "MPNetForMaskedLM"),
                "unsupported architecture MPNetForMaskedLM",
                "BertModel",
                "DistilBertModel",
                "RobertaModel",
                "XLMRobertaModel");
        failsWith(
                BERT.replace("\"architectures\": [\"BertModel\"],", "").replace("\"bert\"", "\"mpnet\""),
                "unsupported model_type mpnet",
                "BertModel");
        failsWith(BERT.replace("\"bert\"", "\"roberta\""), "architectures says BertModel but model_type says roberta");
        failsWith(
                BERT.replace("\"architectures\": [\"BertModel\"],", "").replace("\"model_type\": \"bert\",", ""),
                "neither architectures nor model_type");
        failsWith(BERT.replace("[\"BertModel\"]", "\"BertModel\""), "field /architectures");
        failsWith(
                BERT.replace("\"absolute\"", "\"x\"")
                        .replace("\"hidden_act\"", "\"position_embedding_type\": \"relative_key\", \"hidden_act\""),
                "position_embedding_type",
                "relative_key");
    }

    @Test
    void malformedJson() {
        failsWith(BERT.substring(0, BERT.length() / 2), "malformed JSON");
        failsWith(BERT + " {}", "trailing content");
        failsWith("[1, 2]", "not a JSON object");
        failsWith("", "not a JSON object");
        failsWith("  ", "not a JSON object");
        failsWith("{\"a\": tru}", "malformed JSON");
        failsWith("{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}", "sane limits");
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValueAsPythonsJsonDoes() {
        assertEquals(
                32,
                parse(BERT.replace("\"hidden_size\": 32", "\"hidden_size\": \"x\", \"hidden_size\": 32"))
                        .hiddenSize());
        failsWith(
                BERT.replace("\"hidden_size\": 32", "\"hidden_size\": 32, \"hidden_size\": \"x\""),
                "field /hidden_size",
                "must be an integer");
    }

    @Test
    void missingAndInvalidFieldsAreNamed() {
        failsWith(BERT.replace("\"hidden_size\": 32,", ""), "field /hidden_size: missing");
        failsWith(BERT.replace("\"hidden_size\": 32", "\"hidden_size\": null"), "field /hidden_size: is null");
        failsWith(
                BERT.replace("\"hidden_size\": 32", "\"hidden_size\": \"32\""),
                "field /hidden_size",
                "must be an integer");
        failsWith(
                BERT.replace("\"hidden_size\": 32", "\"hidden_size\": 32.5"),
                "field /hidden_size",
                "must be an integer");
        failsWith(BERT.replace("\"hidden_size\": 32", "\"hidden_size\": 0"), "field /hidden_size", "must be positive");
        failsWith(
                BERT.replace("\"hidden_size\": 32", "\"hidden_size\": 99999999999"),
                "field /hidden_size",
                "out of range");
        failsWith(
                BERT.replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 5"),
                "num_attention_heads",
                "does not divide hidden_size 32");
        failsWith(
                BERT.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": -1"),
                "num_hidden_layers",
                "must be positive");
        failsWith(BERT.replace("\"gelu\"", "\"relu\""), "field /hidden_act", "\"relu\" is not supported", "gelu_new");
        failsWith(BERT.replace("\"gelu\"", "1"), "field /hidden_act", "must be a string");
        failsWith(BERT.replace("1e-12", "0"), "field /layer_norm_eps", "positive");
        failsWith(BERT.replace("1e-12", "-1e-5"), "field /layer_norm_eps", "positive");
        failsWith(BERT.replace("1e-12", "1e-300"), "field /layer_norm_eps", "positive float");
        failsWith(BERT.replace("1e-12", "\"small\""), "field /layer_norm_eps", "must be a number");
        failsWith(
                BERT.replace("\"pad_token_id\": 0", "\"pad_token_id\": 1000"),
                "field /pad_token_id",
                "outside the vocabulary");
        failsWith(
                BERT.replace("\"type_vocab_size\": 2", "\"type_vocab_size\": 0"),
                "field /type_vocab_size",
                "must be positive");
        failsWith(
                BERT.replace("\"vocab_size\": 1000", "\"vocab_size\": {\"a\": 1}"),
                "field /vocab_size",
                "an object or array");
        failsWith("""
                {"model_type": "roberta", "hidden_size": 32, "num_attention_heads": 4, "num_hidden_layers": 2,
                 "intermediate_size": 64, "vocab_size": 1000, "max_position_embeddings": 2}""", "max_position_embeddings", "pad_token_id + 1 = 2");
        failsWith("""
                {"architectures": ["DistilBertModel"], "dim": 32, "n_heads": 4, "n_layers": 2, "hidden_dim": 64,
                 "vocab_size": 1000}""", "field /max_position_embeddings: missing");
        failsWith("""
                {"architectures": ["DistilBertModel"], "dim": 32, "n_heads": 3, "n_layers": 2, "hidden_dim": 64,
                 "vocab_size": 1000, "max_position_embeddings": 64}""", "field /n_heads", "does not divide dim 32");
        failsWith("""
                {"architectures": ["DistilBertModel"], "dim": 32, "n_heads": 4, "n_layers": 2, "hidden_dim": 64,
                 "vocab_size": 1000, "max_position_embeddings": 64, "activation": "relu"}""", "field /activation", "relu");
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkipped() {
        EncoderConfig c = parse(BERT.replace("{", """
                {"id2label": {"0": "A", "1": "B"}, "task_specific_params": {"x": [1, [2, {"y": null}]]},
                 "bad_words_ids": [[1, 2], [3]], "tags": ["a", "b"], "torch_dtype": "float32", "use_cache": true,
                """));
        assertEquals(32, c.hiddenSize());
    }

    @Test
    void files(@TempDir Path dir) throws IOException {
        ModelFileException missing =
                assertThrows(ModelFileException.class, () -> ConfigJson.read(dir.resolve("config.json")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
        Path big = dir.resolve("big.json");
        Files.write(big, new byte[ConfigJson.MAX_BYTES + 1]);
        ModelFileException tooBig = assertThrows(ModelFileException.class, () -> ConfigJson.read(big));
        assertTrue(tooBig.getMessage().contains("too large"), tooBig.getMessage());
        Path ok = dir.resolve("config.json");
        Files.writeString(ok, BERT);
        assertEquals(32, ConfigJson.read(ok).hiddenSize());
    }

    @Test
    void recordRejectsInconsistentValues() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new EncoderConfig(Architecture.BERT, 1000, 30, 2, 4, 64, HiddenAct.GELU, 1e-12, 64, 2, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EncoderConfig(Architecture.DISTILBERT, 1000, 32, 2, 4, 64, HiddenAct.GELU, 1e-12, 64, 2, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EncoderConfig(Architecture.BERT, 1000, 32, 2, 4, 64, HiddenAct.GELU, 0, 64, 2, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new EncoderConfig(Architecture.ROBERTA, 1000, 32, 2, 4, 64, HiddenAct.GELU, 1e-5, 2, 1, 1));
    }
}
