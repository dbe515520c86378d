package dev.jembed.engine;

import dev.jembed.engine.tensor.MissingTensorException;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes what loading a model folder makes of a config.json that disagrees with its weights: the tiny
 * BERT, DistilBERT and RoBERTa weights with mutated configs (sizes changed to 2^31 - 1, 0, -1, other
 * types, layers added ...). {@link Encoders#load} either builds an encoder that encodes a short input
 * (or refuses it with the documented {@link IllegalArgumentException}) or fails with a
 * {@link ModelFileException} or {@link MissingTensorException}; never an allocation sized by the
 * config before the weights confirmed it. Each case loads a model, so fewer tries than the parsers.
 */
@Tag("fuzz")
class ModelFolderFuzzTest {

    private static final List<String> ARCHS = List.of("bert", "distilbert", "roberta");
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("jembed-model-fuzz");
            for (String arch : ARCHS) {
                Files.createDirectories(DIR.resolve(arch));
                Files.copy(
                        Fixtures.tinyModel(arch).resolve("model.safetensors"),
                        DIR.resolve(arch).resolve("model.safetensors"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 200)
    void mutatedConfigsWithRealWeights(@ForAll @IntRange(max = 2) int arch, @ForAll long mutation) throws IOException {
        Path folder = DIR.resolve(ARCHS.get(arch));
        byte[] config = Mutator.mutate(
                Files.readAllBytes(Fixtures.tinyModel(ARCHS.get(arch)).resolve("config.json")), mutation);
        Files.write(folder.resolve("config.json"), config);
        FuzzCheck.check(
                "model folder (config.json + weights)",
                config.length,
                () -> {
                    try (Encoder encoder =
                            Encoders.load(folder, EngineOptions.defaults().withThreads(1))) {
                        try {
                            float[][] out = encoder.forward(new int[][] {{0, 5, 2}}, null);
                            if (out[0].length != 3 * encoder.hiddenSize())
                                throw new AssertionError("hidden state of " + out[0].length);
                        } catch (IllegalArgumentException refused) {
                            // an id outside a shrunk vocabulary: forward's documented refusal
                        }
                    }
                },
                ModelFileException.class,
                MissingTensorException.class);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        FuzzCheck.report("model folder (config.json + weights)");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
