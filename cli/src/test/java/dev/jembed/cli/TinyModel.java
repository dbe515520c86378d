package dev.jembed.cli;

import dev.jembed.fixtures.TestFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A sentence-transformers folder around the tiny random BERT of the shared test fixtures: vocabulary
 * {@code w<i>} = id i, max_seq_length 16, mean pooling, Normalize (so every vector goes through the
 * L2 normalization). Fast enough for thousands of texts per test.
 */
final class TinyModel {
    private TinyModel() {}

    static Path folder(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.createDirectories(dir.resolve("2_Normalize"));
        for (String f : new String[] {"config.json", "model.safetensors"}) {
            try (InputStream in = TestFixtures.open("tiny/bert/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        Files.writeString(dir.resolve("vocab.txt"), TestFixtures.tinyVocab());
        Files.writeString(
                dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 16, \"do_lower_case\": false}");
        Files.writeString(
                dir.resolve("1_Pooling/config.json"),
                "{\"word_embedding_dimension\": 32, \"pooling_mode_mean_tokens\": true}");
        Files.writeString(dir.resolve("modules.json"), """
                [{"idx":0,"name":"0","path":"","type":"sentence_transformers.models.Transformer"},
                 {"idx":1,"name":"1","path":"1_Pooling","type":"sentence_transformers.models.Pooling"},
                 {"idx":2,"name":"2","path":"2_Normalize","type":"sentence_transformers.models.Normalize"}]""");
        return dir;
    }
}
