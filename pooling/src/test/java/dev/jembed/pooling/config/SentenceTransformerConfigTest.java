package dev.jembed.pooling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.fixtures.TestFixtures;
import dev.jembed.pooling.ModelConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading model folders as sentence-transformers does, and naming the file and field of every bad input. */
class SentenceTransformerConfigTest {
    @TempDir
    Path dir;

    static Path resource(String name) {
        return TestFixtures.path(name);
    }

    private void write(String file, String json) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
    }

    private static final String BERT_CONFIG =
            "{\"model_type\":\"bert\",\"hidden_size\":32,\"max_position_embeddings\":64}";

    /** A folder with Transformer, Pooling and whatever extra modules.json entries are given. */
    private void model(String poolingConfig, String... extraModules) throws IOException {
        write("config.json", BERT_CONFIG);
        write("sentence_bert_config.json", "{\"max_seq_length\": 48, \"do_lower_case\": true}");
        write("1_Pooling/config.json", poolingConfig);
        StringBuilder modules = new StringBuilder(
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                        + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"}");
        for (String m : extraModules) modules.append(',').append(m);
        write("modules.json", modules.append(']').toString());
    }

    private ModelConfigException fails(String file, String field) {
        ModelConfigException e = assertThrows(ModelConfigException.class, () -> SentenceTransformerConfig.read(dir));
        assertEquals(dir.resolve(file), e.file(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.resolve(file).toString()), e.getMessage());
        return e;
    }

    @Test
    void miniLmFolder() throws Exception {
        SentenceTransformerConfig c = SentenceTransformerConfig.read(resource("minilm/st-config"));
        assertEquals(3, c.modules().size());
        assertEquals(new TransformerSpec(c.folder(), 384, 256, false), c.transformer());
        assertEquals(new PoolingConfig(384, Set.of(PoolingMode.MEAN), true), c.pooling());
        assertInstanceOf(NormalizeSpec.class, c.modules().get(2));
        assertTrue(c.normalizes());
        assertEquals(384, c.dimension());
        assertEquals(Map.of("query", "", "document", ""), c.prompts());
        assertNull(c.defaultPromptName());
        assertNull(c.similarityFnName());
        assertFalse(c.fallback());
        assertEquals(List.of(), c.warnings());
        assertEquals("mean", c.pooling().modeString());
    }

    @Test
    void plainHuggingFaceFolderFallsBackToMeanPoolingAndSaysSo() throws Exception {
        SentenceTransformerConfig c = SentenceTransformerConfig.read(resource("tiny/bert"));
        assertTrue(c.fallback());
        assertEquals(2, c.modules().size());
        assertEquals(PoolingConfig.of(32, PoolingMode.MEAN), c.pooling());
        assertFalse(c.normalizes());
        assertEquals(64, c.transformer().maxSeqLength()); // min(max_position_embeddings, no tokenizer limit)
        assertEquals(1, c.warnings().size());
        assertTrue(
                c.warnings().getFirst().contains("mean pooling"), c.warnings().getFirst());
        SentenceTransformerConfig distil = SentenceTransformerConfig.read(resource("tiny/distilbert"));
        assertEquals(32, distil.transformer().hiddenSize()); // DistilBERT calls it "dim"
    }

    @Test
    void robertaWithoutTokenizerLimitLosesThePositionOffset() throws Exception {
        SentenceTransformerConfig c = SentenceTransformerConfig.read(resource("tiny/roberta"));
        assertEquals(66 - 2, c.transformer().maxSeqLength()); // max_position_embeddings 66, pad_token_id 1
        assertEquals(2, c.warnings().size());
    }

    @Test
    void maxSeqLengthFromTokenizerConfigWhenSentenceBertConfigHasNone() throws IOException {
        write("config.json", BERT_CONFIG);
        write("tokenizer_config.json", "{\"model_max_length\": 40}");
        assertEquals(40, SentenceTransformerConfig.read(dir).transformer().maxSeqLength());
        write("tokenizer_config.json", "{\"model_max_length\": 1000000000000000019884624838656}");
        assertEquals(64, SentenceTransformerConfig.read(dir).transformer().maxSeqLength());
    }

    @Test
    void denseNormalizePromptsAndSimilarity() throws IOException {
        model(
                "{\"word_embedding_dimension\": 32, \"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false,"
                        + " \"pooling_mode_max_tokens\": true, \"include_prompt\": false}",
                "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}",
                "{\"idx\":3,\"name\":\"3\",\"path\":\"3_Normalize\",\"type\":\"sentence_transformers.models.Normalize\"}");
        write(
                "2_Dense/config.json",
                "{\"in_features\": 64, \"out_features\": 16, \"bias\": false,"
                        + " \"activation_function\": \"torch.nn.modules.linear.Identity\"}");
        write("2_Dense/model.safetensors", "x");
        write(
                "config_sentence_transformers.json",
                "{\"__version__\": {\"sentence_transformers\": \"3.0.1\"},"
                        + " \"prompts\": {\"query\": \"query: \", \"passage\": \"passage: \"}, \"default_prompt_name\": \"query\","
                        + " \"similarity_fn_name\": \"dot\"}");
        SentenceTransformerConfig c = SentenceTransformerConfig.read(dir);
        assertEquals(new TransformerSpec(dir, 32, 48, true), c.transformer());
        assertEquals(new PoolingConfig(32, EnumSet.of(PoolingMode.CLS, PoolingMode.MAX), false), c.pooling());
        assertEquals(64, c.pooling().outputDimension());
        DenseSpec d = (DenseSpec) c.modules().get(2);
        assertEquals(
                new DenseSpec(
                        dir.resolve("2_Dense"),
                        dir.resolve("2_Dense/model.safetensors"),
                        64,
                        16,
                        false,
                        DenseActivation.IDENTITY,
                        false),
                d);
        assertEquals(16, c.dimension());
        assertTrue(c.normalizes());
        assertEquals(Map.of("query", "query: ", "document", "", "passage", "passage: "), c.prompts());
        assertEquals("query", c.defaultPromptName());
        assertEquals("dot", c.similarityFnName());
    }

    @Test
    void poolingDefaultsAndModeString() throws IOException {
        model("{\"word_embedding_dimension\": 32}");
        assertEquals(
                Set.of(PoolingMode.MEAN),
                SentenceTransformerConfig.read(dir).pooling().modes());
        model("{\"word_embedding_dimension\": 32, \"pooling_mode\": \"CLS\"}");
        assertEquals(
                Set.of(PoolingMode.CLS),
                SentenceTransformerConfig.read(dir).pooling().modes());
        model(
                "{\"word_embedding_dimension\": 32, \"pooling_mode_lasttoken\": true, \"pooling_mode_weightedmean_tokens\": true,"
                        + " \"pooling_mode_mean_sqrt_len_tokens\": true, \"pooling_mode_mean_tokens\": false}");
        PoolingConfig p = SentenceTransformerConfig.read(dir).pooling();
        assertEquals("mean_sqrt_len_tokens+weightedmean+lasttoken", p.modeString());
        assertTrue(p.includePrompt());
    }

    @Test
    void malformedJsonNamesTheFile() throws IOException {
        model("{\"word_embedding_dimension\": 32}");
        write("modules.json", "[{\"type\": \"sentence_transformers.models.Transformer\", ");
        assertTrue(fails("modules.json", null).getMessage().contains("malformed JSON"));
        write("modules.json", "{\"type\": 1}");
        fails("modules.json", null);
    }

    @Test
    void unknownPoolingModeIsNamed() throws IOException {
        model("{\"word_embedding_dimension\": 32, \"pooling_mode_sum_tokens\": true}");
        assertTrue(fails("1_Pooling/config.json", "/pooling_mode_sum_tokens")
                .getMessage()
                .contains("unknown pooling mode"));
        model("{\"word_embedding_dimension\": 32, \"pooling_mode\": \"median\"}");
        assertTrue(fails("1_Pooling/config.json", "/pooling_mode").getMessage().contains("median"));
        model("{\"word_embedding_dimension\": 32, \"pooling_mode_mean_tokens\": false}");
        assertTrue(fails("1_Pooling/config.json", null).getMessage().contains("no pooling mode"));
        model("{\"word_embedding_dimension\": 48}");
        fails("1_Pooling/config.json", "/word_embedding_dimension");
        model("{\"word_embedding_dimension\": \"32\"}");
        assertTrue(fails("1_Pooling/config.json", "/word_embedding_dimension")
                .getMessage()
                .contains("expected an integer"));
    }

    @Test
    void unknownModuleTypeIsNamed() throws IOException {
        model(
                "{\"word_embedding_dimension\": 32}",
                "{\"idx\":2,\"name\":\"2\",\"path\":\"2_LSTM\",\"type\":\"sentence_transformers.models.LSTM\"}");
        assertTrue(fails("modules.json", "/2/type").getMessage().contains("sentence_transformers.models.LSTM"));
        model(
                "{\"word_embedding_dimension\": 32}",
                "{\"idx\":2,\"name\":\"2\",\"path\":\"x\",\"type\":\"my_package.Custom\"}");
        fails("modules.json", "/2/type");
        model(
                "{\"word_embedding_dimension\": 32}",
                "{\"idx\":2,\"name\":\"2\",\"path\":\"../outside\",\"type\":\"sentence_transformers.models.Normalize\"}");
        fails("modules.json", "/2/path");
    }

    @Test
    void missingModuleFilesAreNamed() throws IOException {
        model(
                "{\"word_embedding_dimension\": 32}",
                "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}");
        Files.delete(dir.resolve("1_Pooling/config.json"));
        assertTrue(fails("1_Pooling/config.json", null).getMessage().contains("not found"));
        write("1_Pooling/config.json", "{\"word_embedding_dimension\": 32}");
        fails("2_Dense/config.json", null);
        write("2_Dense/config.json", "{\"in_features\": 32, \"out_features\": 8}");
        fails("2_Dense/model.safetensors", null);
        write("2_Dense/pytorch_model.bin", "pickle");
        assertTrue(fails("2_Dense/pytorch_model.bin", null).getMessage().contains("safetensors"));
    }

    @Test
    void denseConfigErrors() throws IOException {
        model(
                "{\"word_embedding_dimension\": 32}",
                "{\"idx\":2,\"name\":\"2\",\"path\":\"2_Dense\",\"type\":\"sentence_transformers.models.Dense\"}");
        write("2_Dense/model.safetensors", "x");
        write(
                "2_Dense/config.json",
                "{\"in_features\": 32, \"out_features\": 8, \"activation_function\": \"torch.nn.modules.activation.GELU\"}");
        fails("2_Dense/config.json", "/activation_function");
        write("2_Dense/config.json", "{\"in_features\": 16, \"out_features\": 8}");
        fails("2_Dense/config.json", "/in_features");
        write("2_Dense/config.json", "{\"in_features\": 32, \"out_features\": 8}");
        assertEquals(
                DenseActivation.TANH,
                ((DenseSpec) SentenceTransformerConfig.read(dir).modules().get(2)).activation());
    }

    @Test
    void sentenceTransformersConfigErrors() throws IOException {
        model("{\"word_embedding_dimension\": 32}");
        write("config_sentence_transformers.json", "{\"similarity_fn_name\": \"jaccard\"}");
        fails("config_sentence_transformers.json", "/similarity_fn_name");
        write(
                "config_sentence_transformers.json",
                "{\"prompts\": {\"q\": \"q: \"}, \"default_prompt_name\": \"passage\"}");
        fails("config_sentence_transformers.json", "/default_prompt_name");
        write("config_sentence_transformers.json", "{\"prompts\": {\"q\": 3}}");
        fails("config_sentence_transformers.json", "/prompts/q");
        write("config_sentence_transformers.json", "{\"model_type\": \"SparseEncoder\"}");
        fails("config_sentence_transformers.json", "/model_type");
        write("config_sentence_transformers.json", "{}");
        write("sentence_bert_config.json", "{\"max_seq_length\": \"256\"}");
        fails("sentence_bert_config.json", "/max_seq_length");
        write("sentence_bert_config.json", "{\"max_seq_length\": null}");
        assertEquals(64, SentenceTransformerConfig.read(dir).transformer().maxSeqLength());
    }

    @Test
    void notAFolder() {
        ModelConfigException e =
                assertThrows(ModelConfigException.class, () -> SentenceTransformerConfig.read(dir.resolve("nope")));
        assertEquals(dir.resolve("nope"), e.file());
    }

    @Test
    void activationNames() {
        assertEquals(DenseActivation.TANH, DenseActivation.fromTorchName("torch.nn.Tanh"));
        assertEquals(DenseActivation.IDENTITY, DenseActivation.fromTorchName("torch.nn.modules.linear.Identity"));
        assertNull(DenseActivation.fromTorchName("my.module.Tanh"));
        assertEquals(0f, DenseActivation.RELU.apply(-2f));
        assertEquals(0.5f, DenseActivation.SIGMOID.apply(0f));
    }
}
