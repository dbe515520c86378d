package dev.jembed.engine.config;

import dev.jembed.engine.ModelFileException;
import dev.jembed.engine.testing.Fixtures;
import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes {@code config.json} ({@link ConfigJson#parse}): random bytes and mutations of the real configs
 * of the tiny BERT, DistilBERT and RoBERTa and of all-MiniLM-L6-v2 (wrong types, extreme numbers,
 * duplicate keys, deep nesting, invalid UTF-8, truncation). Every input parses into a config whose
 * sizes are positive, or fails with a {@link ModelFileException}.
 */
@Tag("fuzz")
class ConfigJsonFuzzTest {

    private static final String PARSER = "config.json";
    private static final Path NAME = Path.of("config.json");
    private static final List<byte[]> SEEDS = Stream.of(
                    "tiny/bert/config.json",
                    "tiny/distilbert/config.json",
                    "tiny/roberta/config.json",
                    "minilm/st-config/config.json")
            .map(Fixtures::bytes)
            .toList();

    @Property
    void randomBytes(@ForAll @Size(max = 400) byte[] bytes) {
        parse(bytes);
    }

    @Property
    void mutatedConfigs(@ForAll("seedIndex") int seed, @ForAll long mutation) {
        parse(Mutator.mutate(SEEDS.get(seed), mutation));
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @AfterContainer
    static void report() {
        FuzzCheck.report(PARSER);
    }

    private static void parse(byte[] bytes) {
        FuzzCheck.check(
                PARSER,
                bytes.length,
                () -> {
                    EncoderConfig c = ConfigJson.parse(bytes, NAME);
                    if (c.hiddenSize() <= 0
                            || c.numHiddenLayers() <= 0
                            || c.numAttentionHeads() <= 0
                            || c.vocabSize() <= 0
                            || c.maxSequenceLength() <= 0
                            || c.hiddenSize() % c.numAttentionHeads() != 0) {
                        throw new AssertionError("accepted an unusable config " + c);
                    }
                },
                ModelFileException.class);
    }
}
