package dev.jembed.pooling;

import dev.jembed.fixtures.TestFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds sentence-transformers folders around the tiny random models of the fixtures: their
 * config.json and model.safetensors, a vocab.txt in which token {@code w<i>} has id {@code i}
 * (so the reference input ids can be written as text: {@code "w903 w269"}), and whatever
 * modules are asked for.
 */
final class TinyModels {
    private TinyModels() {}

    /** Text whose WordPiece ids are {@code ids} without the [CLS] / [SEP] around them. */
    static String text(int[] idsWithSpecials) {
        List<String> words = new ArrayList<>();
        for (int id : idsWithSpecials) if (id != 101 && id != 102 && id != 0) words.add("w" + id);
        return String.join(" ", words);
    }

    /** A plain Hugging Face folder: config, weights, vocabulary. */
    static Path plainFolder(Path dir, String model) throws IOException {
        Files.createDirectories(dir);
        Files.copy(Fixtures.resource("tiny/" + model + "/config.json"), dir.resolve("config.json"));
        Files.copy(Fixtures.resource("tiny/" + model + "/model.safetensors"), dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("vocab.txt"), TestFixtures.tinyVocab());
        return dir;
    }

    /** A sentence-transformers folder: Transformer (max_seq_length 16), the pooling config given, then extra modules. */
    static Path stFolder(Path dir, String model, String poolingJson, String... extraModules) throws IOException {
        plainFolder(dir, model);
        Files.writeString(
                dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 16, \"do_lower_case\": false}");
        Files.createDirectories(dir.resolve("1_Pooling"));
        Files.writeString(dir.resolve("1_Pooling/config.json"), poolingJson);
        StringBuilder modules = new StringBuilder(
                "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                        + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"}");
        int idx = 2;
        for (String m : extraModules) {
            String path = idx + "_" + m;
            modules.append(",{\"idx\":")
                    .append(idx)
                    .append(",\"name\":\"")
                    .append(idx)
                    .append("\",\"path\":\"")
                    .append(path)
                    .append("\",\"type\":\"sentence_transformers.models.")
                    .append(m)
                    .append("\"}");
            Files.createDirectories(dir.resolve(path));
            idx++;
        }
        Files.writeString(dir.resolve("modules.json"), modules.append(']').toString());
        return dir;
    }

    static final String MEAN = "{\"word_embedding_dimension\": 32, \"pooling_mode_mean_tokens\": true}";
}
