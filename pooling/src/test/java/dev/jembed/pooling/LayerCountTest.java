package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.engine.ModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config.json with fewer layers than the weights hold is refused instead of running a truncated network. */
class LayerCountTest {
    @TempDir
    Path tmp;

    @Test
    void numHiddenLayersSmallerThanTheWeightsIsRefused() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("m"), "bert", TinyModels.MEAN);
        Path config = folder.resolve("config.json");
        String json = Files.readString(config);
        assertTrue(json.contains("\"num_hidden_layers\": 2"), json);
        Files.writeString(config, json.replace("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 1"));
        var e = assertThrows(
                ModelFileException.class,
                () -> SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1)));
        assertTrue(
                e.getMessage().contains("num_hidden_layers 1") && e.getMessage().contains("2 layers"), e.getMessage());
    }
}
