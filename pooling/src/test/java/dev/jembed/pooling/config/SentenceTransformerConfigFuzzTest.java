package dev.jembed.pooling.config;

import dev.jembed.engine.ModelFileException;
import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import dev.jembed.pooling.ModelConfigException;
import dev.jembed.pooling.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the sentence-transformers configuration ({@link SentenceTransformerConfig#read} of a model
 * folder): all-MiniLM-L6-v2's real modules.json, 1_Pooling/config.json, sentence_bert_config.json,
 * config_sentence_transformers.json, tokenizer_config.json and config.json, one of them mutated per case
 * (module paths such as {@code ../../x}, absolute paths and NUL among the replacement values). Every
 * folder reads or fails with a {@link ModelConfigException} (a {@link ModelFileException} for the
 * transformer's files); the shared JSON reader ({@link Json#parse}) gets random bytes too.
 */
@Tag("fuzz")
class SentenceTransformerConfigFuzzTest {

    private static final String PARSER = "sentence-transformers configs";
    private static final Map<String, byte[]> SEEDS = new LinkedHashMap<>();
    private static final List<String> FILES;
    private static final Path DIR;

    static {
        for (String f : List.of(
                "modules.json",
                "1_Pooling/config.json",
                "sentence_bert_config.json",
                "config_sentence_transformers.json",
                "tokenizer_config.json",
                "config.json")) {
            SEEDS.put(f, resource("fixtures/minilm/st-config/" + f));
        }
        FILES = List.copyOf(SEEDS.keySet());
        try {
            DIR = Files.createTempDirectory("jembed-st-config-fuzz").toRealPath();
            Files.createDirectories(DIR.resolve("1_Pooling"));
            for (Map.Entry<String, byte[]> e : SEEDS.entrySet()) Files.write(DIR.resolve(e.getKey()), e.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    void mutatedConfigFiles(@ForAll("fileIndex") int file, @ForAll long mutation) throws IOException {
        String name = FILES.get(file);
        byte[] bytes = Mutator.mutate(SEEDS.get(name), mutation);
        Files.write(DIR.resolve(name), bytes);
        try {
            FuzzCheck.check(PARSER, bytes.length, () -> SentenceTransformerConfig.read(DIR), ModelFileException.class);
        } finally {
            Files.write(DIR.resolve(name), SEEDS.get(name));
        }
    }

    @Property
    void randomBytesConfigFiles(@ForAll("fileIndex") int file, @ForAll @Size(max = 300) byte[] bytes)
            throws IOException {
        String name = FILES.get(file);
        Files.write(DIR.resolve(name), bytes);
        try {
            FuzzCheck.check(PARSER, bytes.length, () -> SentenceTransformerConfig.read(DIR), ModelFileException.class);
        } finally {
            Files.write(DIR.resolve(name), SEEDS.get(name));
        }
    }

    @Property
    void jsonReaderRandomBytes(@ForAll @Size(max = 300) byte[] bytes) {
        FuzzCheck.check(
                "pooling json",
                bytes.length,
                () -> Json.parse(new ByteArrayInputStream(bytes), DIR.resolve("x.json")),
                ModelConfigException.class);
    }

    /** Found by {@link #mutatedConfigFiles}: a module path with NUL or an unpaired surrogate was an untyped InvalidPathException. */
    @Example
    void moduleFoldersThatAreNoPathAreAConfigError() throws IOException {
        try {
            for (String path : new String[] {"1_Pooling\\u0000", "\\ud800"}) {
                Files.writeString(
                        DIR.resolve("modules.json"),
                        "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":"
                                + "\"sentence_transformers.models.Transformer\"},{\"idx\":1,\"name\":\"1\",\"path\":\""
                                + path
                                + "\",\"type\":\"sentence_transformers.models.Pooling\"}]");
                ModelConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                        ModelConfigException.class, () -> SentenceTransformerConfig.read(DIR));
                if (!"/1/path".equals(e.field())) throw new AssertionError(e.getMessage());
            }
        } finally {
            Files.write(DIR.resolve("modules.json"), SEEDS.get("modules.json"));
        }
    }

    @Provide
    Arbitrary<Integer> fileIndex() {
        return Arbitraries.integers().between(0, FILES.size() - 1);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        FuzzCheck.report(PARSER, "pooling json");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SentenceTransformerConfigFuzzTest.class.getResourceAsStream("/" + name)) {
            if (in == null) throw new IllegalStateException("no test resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
