package dev.jembed.engine.safetensors;

import dev.jembed.engine.ModelFileException;
import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.fixtures.Mutator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
 * Fuzzes {@code model.safetensors.index.json} ({@link ShardedIndex#read}) and the shard names it
 * resolves: every input parses or fails with a {@link SafetensorsException} ({@link ModelFileException}
 * for unreadable files), and every shard name either resolves to a file strictly inside the index's
 * folder or is refused with a {@link SafetensorsException}.
 */
@Tag("fuzz")
class ShardedIndexFuzzTest {

    private static final String PARSER = "safetensors-index";
    private static final Path DIR;
    private static final Path INDEX;

    static {
        try {
            DIR = Files.createTempDirectory("jembed-index-fuzz").toRealPath();
            INDEX = DIR.resolve("model.safetensors.index.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<byte[]> SEEDS = Stream.of(
                    "{\"metadata\":{\"total_size\":1234},\"weight_map\":{\"a.weight\":\"model-00001-of-00002.safetensors\","
                            + "\"b.bias\":\"model-00002-of-00002.safetensors\"}}",
                    "{\"weight_map\":{\"x\":\"sub/shard.safetensors\"},\"other\":[1,{\"y\":[true,null]}]}",
                    "{\"weight_map\":{}}")
            .map(s -> s.getBytes(StandardCharsets.UTF_8))
            .toList();

    @Property
    void randomBytes(@ForAll @Size(max = 300) byte[] bytes) {
        read(bytes);
    }

    @Property
    void mutatedIndexes(@ForAll("seedIndex") int seed, @ForAll long mutation) {
        read(Mutator.mutate(SEEDS.get(seed), mutation));
    }

    @Property
    void shardNamesStayInsideTheFolder(@ForAll("shardNames") String name) {
        ShardedIndex index = new ShardedIndex(INDEX, java.util.Map.of());
        FuzzCheck.check(
                PARSER + "-shard-name",
                name.length() * 2L,
                () -> checkInside(index.resolveShard(name)),
                SafetensorsException.class);
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @Provide
    Arbitrary<String> shardNames() {
        Arbitrary<String> parts = Arbitraries.oneOf(
                Arbitraries.of(
                        "..",
                        ".",
                        "",
                        "/",
                        "//",
                        "\\",
                        "..\\",
                        "a",
                        "shard.safetensors",
                        "\u0000",
                        "~",
                        "C:",
                        "%2e%2e",
                        "\u2025",
                        " ",
                        "a".repeat(300),
                        DIR.toString(),
                        "/tmp",
                        "../" + DIR.getFileName()),
                Arbitraries.strings().ofMaxLength(8));
        return parts.list().ofMaxSize(6).map(l -> String.join(l.size() % 2 == 0 ? "/" : "", l));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        FuzzCheck.report(PARSER, PARSER + "-shard-name");
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static void read(byte[] bytes) {
        try {
            Files.write(INDEX, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FuzzCheck.check(
                PARSER,
                bytes.length,
                () -> {
                    ShardedIndex index = ShardedIndex.read(INDEX);
                    for (String shard : index.weightMap().values()) {
                        try {
                            checkInside(index.resolveShard(shard));
                        } catch (SafetensorsException refused) {
                            // a name leading outside the folder: the documented refusal
                        }
                    }
                },
                SafetensorsException.class,
                ModelFileException.class);
    }

    private static void checkInside(Path shard) {
        Path p = shard.toAbsolutePath().normalize();
        if (!p.startsWith(DIR) || p.equals(DIR))
            throw new AssertionError("shard " + shard + " resolves outside " + DIR);
    }
}
