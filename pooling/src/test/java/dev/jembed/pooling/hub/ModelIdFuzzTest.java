package dev.jembed.pooling.hub;

import dev.jembed.fixtures.FuzzCheck;
import dev.jembed.pooling.HubException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes model ids and the Hugging Face cache paths made from them: ids like {@code ../../x}, absolute
 * paths, {@code ..} segments, NUL, very long names, revisions with slashes. {@link ModelId#parse}
 * accepts an id or throws {@link IllegalArgumentException} (its documented contract); every cache path
 * of an accepted id (repository, refs, snapshot, blob, lock) lies inside the cache root, and writing its
 * ref leaves every new file inside the root (the temporary folder around the root is compared before
 * and after). {@link ModelLocator#resolve} offline answers with the model, an
 * {@link IllegalArgumentException} or a {@link HubException}, and writes nothing.
 */
@Tag("fuzz")
class ModelIdFuzzTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final Path TMP;
    private static final Path ROOT;
    private static final List<Path> AROUND;

    static {
        try {
            TMP = Files.createTempDirectory("jembed-hub-fuzz").toRealPath();
            ROOT = Files.createDirectories(TMP.resolve("a/b/hub"));
            Files.createDirectories(TMP.resolve("home"));
            AROUND = tree(TMP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property
    void idsAndRevisionsStayInsideTheCache(@ForAll("ids") String text) throws IOException {
        idAndCachePaths(text);
    }

    @Property
    void anyStringsStayInsideTheCache(@ForAll String text) throws IOException {
        idAndCachePaths(text);
    }

    @Property
    void anyStringsResolveOfflineWritingNothing(@ForAll String text) throws IOException {
        resolveOffline(text);
    }

    private static void idAndCachePaths(String text) throws IOException {
        FuzzCheck.check(
                "model id + cache paths",
                text.length() * 2L,
                () -> {
                    ModelId id = ModelId.parse(text);
                    HubCache cache = new HubCache(ROOT, id);
                    for (Path p : List.of(
                            cache.repoFolder(),
                            cache.snapshot(COMMIT),
                            cache.blob("abc"),
                            cache.lock("abc"),
                            cache.incomplete("abc"),
                            cache.repoFolder().resolve("refs").resolve(id.revision()))) {
                        inside(p, text);
                    }
                    try {
                        cache.writeRef(id.revision(), COMMIT);
                        cache.commitFor(id.revision());
                    } catch (IOException refused) {
                        // a revision the file system cannot hold (too long, a folder's name): the locator reports it as
                        // a HubException
                    }
                },
                IllegalArgumentException.class);
        List<Path> now = tree(TMP);
        for (Path p : now) {
            if (!p.startsWith(ROOT) && !AROUND.contains(p))
                throw new AssertionError(text + " wrote " + p + " outside " + ROOT);
        }
        clear(ROOT);
    }

    @Property
    void offlineResolutionWritesNothing(@ForAll("ids") String text) throws IOException {
        resolveOffline(text);
    }

    private static void resolveOffline(String text) throws IOException {
        ModelLocator locator = new ModelLocator(HubEnvironment.of(
                Map.of(
                        "HF_HUB_CACHE",
                        ROOT.toString(),
                        "HF_HUB_OFFLINE",
                        "1",
                        "JEMBED_CACHE",
                        ROOT.resolve("jembed").toString()),
                TMP.resolve("home")));
        FuzzCheck.check(
                "model locator (offline)",
                text.length() * 2L,
                () -> locator.resolve(text),
                IllegalArgumentException.class,
                HubException.class);
        if (!tree(TMP).equals(AROUND)) throw new AssertionError(text + " changed " + TMP + ": " + tree(TMP));
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.of(
                        "sentence-transformers",
                        "all-MiniLM-L6-v2",
                        "BAAI",
                        "..",
                        ".",
                        "",
                        "~",
                        "a",
                        "-a",
                        "a-",
                        "a--b",
                        "a..b",
                        "x".repeat(96),
                        "x".repeat(97),
                        "y".repeat(300),
                        "\u0000",
                        "a\u0000b",
                        "\\",
                        "C:",
                        "%2e%2e",
                        "\u2025",
                        "\ud800",
                        "main",
                        "refs",
                        "pr",
                        COMMIT,
                        "models--a--b",
                        " ",
                        "\n",
                        ROOT.toString()),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<String> sep = Arbitraries.of("/", "/", "@", "//", "/../", "\\", "");
        Arbitrary<String> free = Arbitraries.integers()
                .between(1, 6)
                .flatMap(n -> Arbitraries.oneOf(part, sep).list().ofSize(n).map(l -> String.join("", l)));
        // org/name@revision with each part hostile or not: most of these parse, so the cache paths get exercised
        Arbitrary<String> benign =
                Arbitraries.strings().withChars("abcXYZ019_.-").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> mostlyBenign =
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, benign), net.jqwik.api.Tuple.of(1, part));
        Arbitrary<String> shaped = net.jqwik.api.Combinators.combine(
                        mostlyBenign, mostlyBenign, mostlyBenign.list().ofMaxSize(3))
                .as((org, name, rev) -> org + "/" + name + (rev.isEmpty() ? "" : "@" + String.join("/", rev)));
        return Arbitraries.oneOf(free, shaped);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        FuzzCheck.report("model id + cache paths", "model locator (offline)");
        clear(TMP);
        Files.deleteIfExists(TMP);
    }

    private static void inside(Path p, String text) {
        Path n = p.toAbsolutePath().normalize();
        if (!n.startsWith(ROOT) || n.equals(ROOT))
            throw new AssertionError(text + ": " + p + " is outside the cache " + ROOT);
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }

    /** Deletes what is inside {@code dir}, keeping {@code dir}. */
    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) if (!p.equals(dir)) Files.delete(p);
        }
    }
}
