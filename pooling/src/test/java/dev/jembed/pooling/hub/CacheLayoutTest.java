package dev.jembed.pooling.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.fixtures.TestFixtures;
import dev.jembed.pooling.HubException;
import dev.jembed.pooling.config.SentenceTransformerConfig;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python cache layout read back without network, embedded models on the class path, the environment. */
class CacheLayoutTest {
    private static final String COMMIT = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41";

    @TempDir
    Path tmp;

    private static Path stConfig() {
        return TestFixtures.path("minilm/st-config");
    }

    /** The files of the all-MiniLM-L6-v2 folder (configs from the fixture, stand-ins for weights and vocabulary). */
    private static Map<String, byte[]> miniLmFiles() throws Exception {
        Path src = stConfig();
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(src.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        files.put("vocab.txt", "[PAD]\n[UNK]\n".getBytes(StandardCharsets.UTF_8));
        files.put("model.safetensors", new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '});
        return files;
    }

    /** Writes a snapshot exactly as huggingface_hub does: blobs named by etag, relative symlinks, refs/main. */
    private Path pythonCache() throws Exception {
        Path repo = tmp.resolve("hf/hub/models--sentence-transformers--all-MiniLM-L6-v2");
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), COMMIT);
        for (var e : miniLmFiles().entrySet()) {
            String etag =
                    e.getKey().endsWith(".safetensors") ? FakeHub.sha256(e.getValue()) : FakeHub.gitSha1(e.getValue());
            Path blob = repo.resolve("blobs").resolve(etag);
            Files.createDirectories(blob.getParent());
            Files.write(blob, e.getValue());
            Path pointer = repo.resolve("snapshots").resolve(COMMIT).resolve(e.getKey());
            Files.createDirectories(pointer.getParent());
            Files.createSymbolicLink(
                    pointer, pointer.getParent().relativize(blob)); // os.path.relpath(src, dirname(dst))
        }
        return repo;
    }

    @Test
    void readsTheSymlinkedSnapshotPythonWrote() throws Exception {
        Path repo = pythonCache();
        HubEnvironment env =
                HubEnvironment.of(Map.of("HF_HOME", tmp.resolve("hf").toString(), "HF_HUB_OFFLINE", "1"), tmp);
        for (String id : List.of(
                "sentence-transformers/all-MiniLM-L6-v2",
                "all-MiniLM-L6-v2",
                "all-MiniLM-L6-v2@main",
                "sentence-transformers/all-MiniLM-L6-v2@" + COMMIT)) {
            ResolvedModel m = new ModelLocator(env).resolve(id);
            assertEquals(ResolvedModel.Source.CACHE, m.source(), id);
            assertEquals(repo.resolve("snapshots").resolve(COMMIT), m.folder(), id);
            assertEquals(COMMIT, m.commit());
        }
        Path folder = new ModelLocator(env).resolve("all-MiniLM-L6-v2").folder();
        assertTrue(Files.isSymbolicLink(folder.resolve("1_Pooling/config.json")));
        SentenceTransformerConfig config = SentenceTransformerConfig.read(folder);
        assertEquals(384, config.dimension());
        assertEquals(256, config.transformer().maxSeqLength());
        assertTrue(config.normalizes());
    }

    @Test
    void incompleteSnapshotIsNotACacheHit() throws Exception {
        Path repo = pythonCache();
        Files.delete(repo.resolve("snapshots").resolve(COMMIT).resolve("1_Pooling/config.json"));
        HubEnvironment env =
                HubEnvironment.of(Map.of("HF_HOME", tmp.resolve("hf").toString(), "HF_HUB_OFFLINE", "1"), tmp);
        assertThrows(HubException.class, () -> new ModelLocator(env).resolve("all-MiniLM-L6-v2"));
        Files.delete(repo.resolve("refs/main"));
        assertThrows(HubException.class, () -> new ModelLocator(env).resolve("all-MiniLM-L6-v2"));
    }

    // ---- embedded models ----

    private String index(Map<String, byte[]> files, boolean withHashes, String revision) {
        StringBuilder sb = new StringBuilder("# all-MiniLM-L6-v2 for jembed\n");
        if (revision != null) sb.append("# revision: ").append(revision).append('\n');
        for (var e : files.entrySet())
            sb.append(withHashes ? FakeHub.sha256(e.getValue()) + "  " : "")
                    .append(e.getKey())
                    .append('\n');
        return sb.toString();
    }

    private Path resourceFolder(Map<String, byte[]> files, String index) throws IOException {
        Path root = tmp.resolve("classes");
        Path model = root.resolve("jembed-models/sentence-transformers/all-MiniLM-L6-v2");
        for (var e : files.entrySet()) {
            Files.createDirectories(model.resolve(e.getKey()).getParent());
            Files.write(model.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(model.resolve("index.txt"), index);
        return root;
    }

    private Path jar(Map<String, byte[]> files, String index) throws IOException {
        Path jar = tmp.resolve("model.jar");
        String base = "jembed-models/sentence-transformers/all-MiniLM-L6-v2/";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var e : files.entrySet()) {
                out.putNextEntry(new JarEntry(base + e.getKey()));
                out.write(e.getValue());
            }
            out.putNextEntry(new JarEntry(base + "index.txt"));
            out.write(index.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private HubEnvironment envWith(Path classpathEntry) throws IOException {
        ClassLoader cl = new URLClassLoader(new URL[] {classpathEntry.toUri().toURL()}, null);
        return HubEnvironment.of(
                        Map.of(
                                "HF_HUB_CACHE",
                                tmp.resolve("empty-hub").toString(),
                                "HF_HUB_OFFLINE",
                                "1",
                                "JEMBED_CACHE",
                                tmp.resolve("jembed").toString()),
                        tmp)
                .withClassLoader(cl);
    }

    @Test
    void embeddedFolderOnTheClassPathIsUsedInPlace() throws Exception {
        Map<String, byte[]> files = miniLmFiles();
        Path root = resourceFolder(files, index(files, false, null));
        ResolvedModel m = new ModelLocator(envWith(root)).resolve("sentence-transformers/all-MiniLM-L6-v2");
        assertEquals(ResolvedModel.Source.CLASSPATH, m.source());
        assertEquals(root.resolve("jembed-models/sentence-transformers/all-MiniLM-L6-v2"), m.folder());
        assertEquals(384, SentenceTransformerConfig.read(m.folder()).dimension());
    }

    @Test
    void embeddedJarIsUnpackedOnceAndVerified() throws Exception {
        Map<String, byte[]> files = miniLmFiles();
        Path jar = jar(files, index(files, true, COMMIT));
        HubEnvironment env = envWith(jar);
        ResolvedModel m = new ModelLocator(env).resolve("all-MiniLM-L6-v2");
        assertEquals(ResolvedModel.Source.CLASSPATH, m.source());
        assertTrue(
                m.folder().startsWith(tmp.resolve("jembed/embedded/sentence-transformers--all-MiniLM-L6-v2")),
                m.folder().toString());
        for (var e : files.entrySet())
            assertEquals(new String(e.getValue()), Files.readString(m.folder().resolve(e.getKey())));
        long modified =
                Files.getLastModifiedTime(m.folder().resolve("config.json")).toMillis();
        assertEquals(
                m.folder(), new ModelLocator(env).resolve("all-MiniLM-L6-v2").folder());
        assertEquals(
                modified,
                Files.getLastModifiedTime(m.folder().resolve("config.json")).toMillis());
        // A matching revision uses it; another revision falls through to the (empty, offline) cache.
        assertEquals(
                ResolvedModel.Source.CLASSPATH,
                new ModelLocator(env).resolve("all-MiniLM-L6-v2@" + COMMIT).source());
        // @main is the branch the embedded copy was taken from: the embedded copy, no network
        assertEquals(
                ResolvedModel.Source.CLASSPATH,
                new ModelLocator(env)
                        .resolve("sentence-transformers/all-MiniLM-L6-v2@main")
                        .source());
        assertThrows(HubException.class, () -> new ModelLocator(env).resolve("all-MiniLM-L6-v2@v2.0"));
    }

    @Test
    void embeddedCopyFollowsTheUmaskAndADamagedCopyIsUnpackedAgain() throws Exception {
        Map<String, byte[]> files = miniLmFiles();
        HubEnvironment env = envWith(jar(files, index(files, true, COMMIT)));
        Path folder = new ModelLocator(env).resolve("all-MiniLM-L6-v2").folder();
        // what the umask gives a folder and a file created here, not an owner-only 0700 temp folder
        Path controlDir = Files.createDirectory(tmp.resolve("control"));
        Path controlFile = Files.createFile(tmp.resolve("control.txt"));
        assertEquals(Files.getPosixFilePermissions(controlDir), Files.getPosixFilePermissions(folder));
        assertEquals(
                Files.getPosixFilePermissions(controlDir), Files.getPosixFilePermissions(folder.resolve("1_Pooling")));
        assertEquals(
                Files.getPosixFilePermissions(controlFile),
                Files.getPosixFilePermissions(folder.resolve("config.json")));

        Files.write(folder.resolve("model.safetensors"), new byte[3]); // truncated
        Path again = new ModelLocator(env).resolve("all-MiniLM-L6-v2").folder();
        assertEquals(folder, again);
        assertArrayEquals(files.get("model.safetensors"), Files.readAllBytes(again.resolve("model.safetensors")));

        byte[] tampered = files.get("config.json").clone(); // same size, other bytes
        tampered[1] ^= 1;
        Files.write(folder.resolve("config.json"), tampered);
        new ModelLocator(env).resolve("all-MiniLM-L6-v2");
        assertArrayEquals(files.get("config.json"), Files.readAllBytes(folder.resolve("config.json")));
    }

    @Test
    void unpackFoldersOfDeadProcessesAreSwept() throws Exception {
        Map<String, byte[]> files = miniLmFiles();
        HubEnvironment env = envWith(jar(files, index(files, true, COMMIT)));
        Path parent = tmp.resolve("jembed/embedded/sentence-transformers--all-MiniLM-L6-v2");
        // what a kill -9 during the first unpacking leaves (pid 999999999 cannot be running: pid_max is at most 2^22)
        Path dead = Files.createDirectories(parent.resolve(".0123456789abcdef.tmp.999999999/1_Pooling"));
        Files.write(dead.resolve("config.json"), new byte[1000]);
        Path live = Files.createDirectories(parent.resolve(
                ".0123456789abcdef.tmp." + ProcessHandle.current().pid()));
        new ModelLocator(env).resolve("all-MiniLM-L6-v2");
        assertFalse(Files.exists(dead.getParent()), "the dead process's folder is swept");
        assertTrue(Files.isDirectory(live), "a running process's folder is left alone");
    }

    @Test
    void anUnwritableCacheFallsBackToTmpdirThenNamesTheVariablesToSet() throws Exception {
        Map<String, byte[]> files = miniLmFiles();
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x"); // unwritable below it, even for root
        ClassLoader cl = new URLClassLoader(
                new URL[] {jar(files, index(files, true, COMMIT)).toUri().toURL()}, null);
        HubEnvironment env = HubEnvironment.of(
                        Map.of(
                                "HF_HUB_CACHE",
                                tmp.resolve("empty-hub").toString(),
                                "HF_HUB_OFFLINE",
                                "1",
                                "JEMBED_CACHE",
                                notAFolder.resolve("cache").toString(),
                                "TMPDIR",
                                tmp.resolve("tmpdir").toString()),
                        tmp)
                .withClassLoader(cl);
        Path folder = new ModelLocator(env).resolve("all-MiniLM-L6-v2").folder();
        assertTrue(folder.startsWith(tmp.resolve("tmpdir")), folder.toString());
        assertArrayEquals(files.get("config.json"), Files.readAllBytes(folder.resolve("config.json")));

        HubEnvironment nowhere = env.with("TMPDIR", notAFolder.resolve("tmp").toString());
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(nowhere).resolve("all-MiniLM-L6-v2"));
        assertTrue(
                e.getMessage().contains("JEMBED_CACHE") && e.getMessage().contains("XDG_CACHE_HOME"), e.getMessage());
        assertTrue(e.getMessage().contains(notAFolder.resolve("cache").toString()), e.getMessage());
    }

    @Test
    void homeComesFromTheHomeVariable() {
        assertEquals(Path.of("/srv/home/ann"), HubEnvironment.homeOf(Map.of("HOME", "/srv/home/ann"), "/nonexistent"));
        assertEquals(Path.of("/nonexistent"), HubEnvironment.homeOf(Map.of("HOME", ""), "/nonexistent"));
        assertEquals(Path.of("/nonexistent"), HubEnvironment.homeOf(Map.of("HOME", "relative/dir"), "/nonexistent"));
        assertEquals(Path.of("/nonexistent"), HubEnvironment.homeOf(Map.of(), "/nonexistent"));
        // the process's own environment: HOME, when set, is where the caches are looked for
        String home = System.getenv("HOME");
        if (home != null && home.startsWith("/")) {
            assertEquals(
                    Path.of(home).resolve(".cache/huggingface/hub"),
                    HubEnvironment.system()
                            .with("HF_HUB_CACHE", null)
                            .with("HF_HOME", null)
                            .with("XDG_CACHE_HOME", null)
                            .hubCache());
        }
    }

    @Test
    void offlineWithASnapshotLackingTheWeightsSaysWhatIsMissing() throws Exception {
        Path repo = pythonCache();
        Files.delete(repo.resolve("snapshots").resolve(COMMIT).resolve("model.safetensors"));
        HubEnvironment env =
                HubEnvironment.of(Map.of("HF_HOME", tmp.resolve("hf").toString(), "HF_HUB_OFFLINE", "1"), tmp);
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(env).resolve("all-MiniLM-L6-v2"));
        assertTrue(e.getMessage().contains("lacks model.safetensors"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(repo.resolve("snapshots").resolve(COMMIT).toString()),
                e.getMessage());
    }

    @Test
    void corruptEmbeddedFileIsNamed() throws Exception {
        Map<String, byte[]> files = miniLmFiles();
        String idx = index(files, true, null);
        files.put("config.json", "{\"tampered\": true}".getBytes(StandardCharsets.UTF_8));
        HubEnvironment env = envWith(jar(files, idx));
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(env).resolve("all-MiniLM-L6-v2"));
        assertTrue(e.getMessage().contains("config.json has sha256"), e.getMessage());
        try (Stream<Path> s = Files.walk(tmp.resolve("jembed"))) {
            assertFalse(
                    s.anyMatch(p -> p.getFileName().toString().equals("config.json")), "nothing half-unpacked stays");
        }
    }

    @Test
    void indexFormat() {
        EmbeddedModels.Index i =
                EmbeddedModels.parse("# revision: abc\n" + "0".repeat(64) + "  a/b.json\nc.txt\n\n", "test");
        assertEquals("abc", i.revision());
        assertEquals(
                List.of(new EmbeddedModels.Entry("a/b.json", "0".repeat(64)), new EmbeddedModels.Entry("c.txt", null)),
                i.entries());
        assertThrows(HubException.class, () -> EmbeddedModels.parse("../etc/passwd\n", "test"));
        assertThrows(HubException.class, () -> EmbeddedModels.parse("/abs\n", "test"));
        assertThrows(HubException.class, () -> EmbeddedModels.parse("# nothing\n", "test"));
    }

    // ---- environment and ids ----

    @Test
    void cacheLocationsFollowHuggingFaceHubPrecedence() {
        Path home = Path.of("/home/u");
        assertEquals(
                Path.of("/home/u/.cache/huggingface/hub"),
                HubEnvironment.of(Map.of(), home).hubCache());
        assertEquals(
                Path.of("/x/huggingface/hub"),
                HubEnvironment.of(Map.of("XDG_CACHE_HOME", "/x"), home).hubCache());
        assertEquals(
                Path.of("/h/hub"),
                HubEnvironment.of(Map.of("HF_HOME", "/h", "XDG_CACHE_HOME", "/x"), home)
                        .hubCache());
        assertEquals(
                Path.of("/c"),
                HubEnvironment.of(Map.of("HF_HUB_CACHE", "/c", "HF_HOME", "/h"), home)
                        .hubCache());
        assertEquals(
                Path.of("/home/u/models"),
                HubEnvironment.of(Map.of("HF_HUB_CACHE", "~/models"), home).hubCache());
        assertEquals(
                Path.of("/home/u/.cache/jembed"),
                HubEnvironment.of(Map.of(), home).jembedCache());
        assertEquals("https://huggingface.co", HubEnvironment.of(Map.of(), home).endpoint());
        assertEquals(
                "https://mirror.example",
                HubEnvironment.of(Map.of("HF_ENDPOINT", "https://mirror.example//"), home)
                        .endpoint());
        for (String on : List.of("1", "true", "ON", "yes"))
            assertTrue(HubEnvironment.of(Map.of("HF_HUB_OFFLINE", on), home).offline());
        for (String off : List.of("0", "false", ""))
            assertFalse(HubEnvironment.of(Map.of("HF_HUB_OFFLINE", off), home).offline());
        assertEquals(
                "t", HubEnvironment.of(Map.of("HF_TOKEN", " t "), home).token().orElseThrow());
    }

    @Test
    void modelIds() {
        ModelId bare = ModelId.parse("all-MiniLM-L6-v2");
        assertEquals("sentence-transformers/all-MiniLM-L6-v2", bare.repoId());
        assertEquals("main", bare.revision());
        assertFalse(bare.explicitRevision());
        ModelId rev = ModelId.parse("BAAI/bge-small-en-v1.5@refs/pr/3");
        assertEquals("BAAI/bge-small-en-v1.5", rev.repoId());
        assertEquals("refs/pr/3", rev.revision());
        assertEquals("models--BAAI--bge-small-en-v1.5", rev.cacheFolderName());
        assertTrue(ModelId.parse("a/b@" + COMMIT).revisionIsCommit());
        for (String bad : List.of("a/b/c", "a/b@", "a/b@../x", "-a/b", "a/b..c", "a//b", "a/" + "x".repeat(97))) {
            assertThrows(IllegalArgumentException.class, () -> ModelId.parse(bad), bad);
        }
    }
}
