package dev.jembed.pooling.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jembed.pooling.HubException;
import dev.jembed.pooling.config.SentenceTransformerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model ids against an in-process hub on 127.0.0.1: download, cache, offline, revisions, resume, checksums, errors. */
class ModelLocatorTest {
    private static final String REPO = "acme/tiny-embedder";
    private static final String MAIN = "1111111111111111111111111111111111111111";
    private static final String V1 = "2222222222222222222222222222222222222222";

    @TempDir
    Path tmp;

    private FakeHub hub;
    private Map<String, FakeHub.File> mainFiles;

    @BeforeEach
    void startHub() throws IOException {
        hub = new FakeHub();
        mainFiles = files("main", 200_000);
        hub.addCommit(REPO, MAIN, mainFiles, "main");
        hub.addCommit(REPO, V1, files("v1", 50_000), "v1");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    /** A sentence-transformers model's files, plus formats jembed must not download. */
    private static Map<String, FakeHub.File> files(String tag, int weightBytes) {
        byte[] weights = new byte[weightBytes];
        new Random(tag.hashCode()).nextBytes(weights);
        Map<String, FakeHub.File> f = new LinkedHashMap<>();
        f.put(
                "config.json",
                text("{\"model_type\":\"bert\",\"hidden_size\":32,\"max_position_embeddings\":64,\"tag\":\"" + tag
                        + "\"}"));
        f.put(
                "modules.json",
                text(
                        "[{\"idx\":0,\"name\":\"0\",\"path\":\"\",\"type\":\"sentence_transformers.models.Transformer\"},"
                                + "{\"idx\":1,\"name\":\"1\",\"path\":\"1_Pooling\",\"type\":\"sentence_transformers.models.Pooling\"}]"));
        f.put("sentence_bert_config.json", text("{\"max_seq_length\": 32, \"do_lower_case\": false}"));
        f.put("1_Pooling/config.json", text("{\"word_embedding_dimension\": 32, \"pooling_mode_mean_tokens\": true}"));
        f.put("vocab.txt", text("[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n"));
        f.put("README.md", text("# model card"));
        f.put("model.safetensors", new FakeHub.File(weights, true));
        f.put("pytorch_model.bin", new FakeHub.File(new byte[] {1, 2, 3}, true));
        f.put("onnx/model.onnx", new FakeHub.File(new byte[] {4, 5, 6}, true));
        return f;
    }

    private static FakeHub.File text(String s) {
        return new FakeHub.File(s.getBytes(StandardCharsets.UTF_8), false);
    }

    private HubEnvironment env(String... kv) {
        Map<String, String> vars = new java.util.HashMap<>();
        vars.put("HF_HUB_CACHE", tmp.resolve("hub").toString());
        vars.put("HF_ENDPOINT", hub.endpoint());
        vars.put("JEMBED_CACHE", tmp.resolve("jembed").toString());
        for (int i = 0; i < kv.length; i += 2) vars.put(kv[i], kv[i + 1]);
        return HubEnvironment.of(vars, tmp.resolve("home")).withLoopbackHttp();
    }

    private Path repoDir() {
        return tmp.resolve("hub").resolve("models--acme--tiny-embedder");
    }

    @Test
    void downloadsIntoTheHuggingFaceCacheLayout() throws IOException {
        ResolvedModel m = new ModelLocator(env("HF_TOKEN", "hf_secret")).resolve(REPO);
        assertEquals(ResolvedModel.Source.DOWNLOAD, m.source());
        assertEquals(MAIN, m.commit());
        assertEquals(repoDir().resolve("snapshots").resolve(MAIN), m.folder());
        assertEquals(MAIN, Files.readString(repoDir().resolve("refs/main")));
        for (String f : List.of(
                "config.json",
                "modules.json",
                "sentence_bert_config.json",
                "1_Pooling/config.json",
                "vocab.txt",
                "model.safetensors")) {
            Path p = m.folder().resolve(f);
            assertTrue(Files.isSymbolicLink(p), f + " is a symlink");
            String depth = f.contains("/") ? "../../../" : "../../";
            assertEquals(Path.of(depth + "blobs/" + FakeHub.etag(mainFiles.get(f))), Files.readSymbolicLink(p), f);
            assertArrayEquals(mainFiles.get(f).content(), Files.readAllBytes(p), f);
        }
        // LFS blobs are named by sha256, regular files by their git blob sha1.
        assertTrue(Files.exists(repoDir()
                .resolve("blobs")
                .resolve(FakeHub.sha256(mainFiles.get("model.safetensors").content()))));
        assertTrue(Files.exists(repoDir()
                .resolve("blobs")
                .resolve(FakeHub.gitSha1(mainFiles.get("config.json").content()))));
        for (String skipped : List.of("README.md", "pytorch_model.bin", "onnx/model.onnx")) {
            assertFalse(Files.exists(m.folder().resolve(skipped)), skipped + " is not downloaded");
        }
        try (var s = Files.list(repoDir().resolve("blobs"))) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".incomplete")));
        }
        // The token goes to the hub, never to the CDN host the LFS redirect points at.
        assertTrue(hub.requests.stream()
                .filter(r -> r.host().equals("127.0.0.1"))
                .allMatch(r -> "Bearer hf_secret".equals(r.headers().getFirst("Authorization"))));
        assertTrue(
                hub.requests.stream().filter(r -> r.host().equals("localhost")).count() > 0);
        assertTrue(hub.requests.stream()
                .filter(r -> r.host().equals("localhost"))
                .allMatch(r -> r.headers().getFirst("Authorization") == null));
        assertEquals(
                List.of(
                        "/acme/tiny-embedder/resolve/" + MAIN + "/config.json",
                        "/acme/tiny-embedder/resolve/" + MAIN + "/1_Pooling/config.json"),
                hub.requests("HEAD").stream()
                        .map(FakeHub.Request::path)
                        .filter(p -> p.endsWith("/config.json"))
                        .toList());
        SentenceTransformerConfig config = SentenceTransformerConfig.read(m.folder());
        assertEquals(32, config.transformer().maxSeqLength());
    }

    @Test
    void cacheHitMakesNoRequest() {
        new ModelLocator(env()).resolve(REPO);
        int before = hub.requests.size();
        ResolvedModel again = new ModelLocator(env()).resolve(REPO);
        assertEquals(ResolvedModel.Source.CACHE, again.source());
        assertEquals(MAIN, again.commit());
        assertEquals(before, hub.requests.size());
        ResolvedModel byCommit = new ModelLocator(env()).resolve(REPO + "@" + MAIN);
        assertEquals(ResolvedModel.Source.CACHE, byCommit.source());
        assertEquals(before, hub.requests.size());
    }

    @Test
    void offlineModeUsesTheCacheAndNeverTheNetwork() {
        HubException e =
                assertThrows(HubException.class, () -> new ModelLocator(env("HF_HUB_OFFLINE", "1")).resolve(REPO));
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"), e.getMessage());
        assertTrue(e.getMessage().contains(repoDir().toString()), e.getMessage());
        assertEquals(0, hub.requests.size());
        new ModelLocator(env()).resolve(REPO);
        int before = hub.requests.size();
        assertEquals(
                ResolvedModel.Source.CACHE,
                new ModelLocator(env("HF_HUB_OFFLINE", "true")).resolve(REPO).source());
        assertEquals(before, hub.requests.size());
        assertThrows(HubException.class, () -> new ModelLocator(env("HF_HUB_OFFLINE", "YES")).resolve(REPO + "@v1"));
    }

    @Test
    void revisionResolvesABranchToItsCommit() throws IOException {
        ResolvedModel v1 = new ModelLocator(env()).resolve(REPO + "@v1");
        assertEquals(V1, v1.commit());
        assertEquals(V1, Files.readString(repoDir().resolve("refs/v1")));
        assertTrue(Files.readString(v1.folder().resolve("config.json")).contains("\"v1\""));
        ResolvedModel main = new ModelLocator(env()).resolve(REPO);
        assertTrue(Files.readString(main.folder().resolve("config.json")).contains("\"main\""));
        // Both snapshots share the identical small files' blobs.
        assertEquals(
                Files.readSymbolicLink(v1.folder().resolve("modules.json")),
                Files.readSymbolicLink(main.folder().resolve("modules.json")));
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(env()).resolve(REPO + "@nope"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("no such revision \"nope\""), e.getMessage());
    }

    @Test
    void resumesAfterACutConnection() throws IOException {
        byte[] weights = mainFiles.get("model.safetensors").content();
        Path incomplete = repoDir().resolve("blobs").resolve(FakeHub.sha256(weights) + ".incomplete");
        hub.cutAfter.put("model.safetensors", 70_000);
        hub.beforeCut = () -> awaitSize(incomplete, 70_000);
        ResolvedModel m = new ModelLocator(env()).resolve(REPO);
        assertEquals(1, hub.cuts.get());
        assertArrayEquals(
                mainFiles.get("model.safetensors").content(),
                Files.readAllBytes(m.folder().resolve("model.safetensors")));
        List<String> ranges = hub.requests("GET").stream()
                .filter(r -> r.path().endsWith("model.safetensors"))
                .map(r -> r.headers().getFirst("Range"))
                .toList();
        assertEquals(2, ranges.size(), ranges.toString());
        assertNull(ranges.get(0));
        // The second request resumes where the bytes received before the cut end.
        assertEquals("bytes=70000-", ranges.get(1), ranges.toString());
    }

    /**
     * Blocks the hub's cut until the client has written {@code size} bytes to {@code file}: the client reads
     * what arrives and waits for more, so the file reaches that size before any error can reach the client.
     * The deadline only turns a broken client into a failure instead of a hang.
     */
    private static void awaitSize(Path file, long size) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try {
            while (!Files.exists(file) || Files.size(file) < size) {
                if (System.nanoTime() > deadline)
                    throw new AssertionError("the client never stored " + size + " bytes in " + file);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRun() throws IOException {
        byte[] weights = mainFiles.get("model.safetensors").content();
        Path incomplete = repoDir().resolve("blobs").resolve(FakeHub.sha256(weights) + ".incomplete");
        Files.createDirectories(incomplete.getParent());
        Files.write(incomplete, java.util.Arrays.copyOf(weights, 12_345));
        ResolvedModel m = new ModelLocator(env()).resolve(REPO);
        assertArrayEquals(weights, Files.readAllBytes(m.folder().resolve("model.safetensors")));
        assertEquals(
                List.of("bytes=12345-"),
                hub.requests("GET").stream()
                        .filter(r -> r.path().endsWith("model.safetensors"))
                        .map(r -> r.headers().getFirst("Range"))
                        .toList());
        assertFalse(Files.exists(incomplete));
    }

    @Test
    void checksumMismatchDeletesTheFileAndFails() throws IOException {
        hub.corrupt.add("model.safetensors");
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(env()).resolve(REPO));
        assertTrue(e.getMessage().contains("checksum mismatch for model.safetensors"), e.getMessage());
        String sha = FakeHub.sha256(mainFiles.get("model.safetensors").content());
        assertFalse(Files.exists(repoDir().resolve("blobs").resolve(sha)));
        assertFalse(Files.exists(repoDir().resolve("blobs").resolve(sha + ".incomplete")));
        assertFalse(Files.exists(repoDir().resolve("snapshots").resolve(MAIN).resolve("model.safetensors")));
        // The half-filled snapshot is not mistaken for a cached model.
        hub.corrupt.clear();
        assertEquals(
                ResolvedModel.Source.DOWNLOAD,
                new ModelLocator(env()).resolve(REPO).source());
    }

    @Test
    void unauthorizedAndNotFoundHaveClearMessages() {
        hub.requiredTokens.put(REPO, "hf_good");
        HubException noToken = assertThrows(HubException.class, () -> new ModelLocator(env()).resolve(REPO));
        assertEquals(401, noToken.status());
        assertTrue(noToken.getMessage().contains("401 Unauthorized"), noToken.getMessage());
        assertTrue(noToken.getMessage().contains("set HF_TOKEN"), noToken.getMessage());
        HubException badToken =
                assertThrows(HubException.class, () -> new ModelLocator(env("HF_TOKEN", "hf_bad")).resolve(REPO));
        assertTrue(badToken.getMessage().contains("refused"), badToken.getMessage());
        assertEquals(
                ResolvedModel.Source.DOWNLOAD,
                new ModelLocator(env("HF_TOKEN", "hf_good")).resolve(REPO).source());

        HubException missing =
                assertThrows(HubException.class, () -> new ModelLocator(env()).resolve("acme/no-such-model"));
        assertEquals(404, missing.status());
        assertTrue(missing.getMessage().contains("acme/no-such-model"), missing.getMessage());
        assertTrue(missing.getMessage().contains("no such repository"), missing.getMessage());
    }

    @Test
    void tokenFromTheLoginFile() throws IOException {
        hub.requiredTokens.put(REPO, "hf_from_file");
        Path hfHome = tmp.resolve("hf-home");
        Files.createDirectories(hfHome);
        Files.writeString(hfHome.resolve("token"), "hf_from_file\n");
        assertEquals(
                ResolvedModel.Source.DOWNLOAD,
                new ModelLocator(env("HF_HOME", hfHome.toString()))
                        .resolve(REPO)
                        .source());
    }

    @Test
    void httpsOnly() {
        HubEnvironment plain =
                HubEnvironment.of(Map.of("HF_HUB_CACHE", tmp.toString(), "HF_ENDPOINT", "http://example.com"), tmp);
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(plain).resolve(REPO));
        assertTrue(e.getMessage().contains("https only"), e.getMessage());
        // The loopback hook does not open other hosts.
        HubException e2 =
                assertThrows(HubException.class, () -> new ModelLocator(plain.withLoopbackHttp()).resolve(REPO));
        assertTrue(e2.getMessage().contains("https only"), e2.getMessage());
    }

    @Test
    void repositoryWithoutSafetensorsIsRefused() {
        Map<String, FakeHub.File> f = files("bin", 10);
        f.remove("model.safetensors");
        hub.addCommit("acme/old", "3333333333333333333333333333333333333333", f, "main");
        HubException e = assertThrows(HubException.class, () -> new ModelLocator(env()).resolve("acme/old"));
        assertTrue(e.getMessage().contains("safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("pytorch_model.bin"), e.getMessage());
    }

    @Test
    void localFoldersAndBadIds() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("my-model"));
        ResolvedModel m = new ModelLocator(env()).resolve(folder.toString());
        assertEquals(ResolvedModel.Source.LOCAL, m.source());
        assertEquals(folder, m.folder());
        assertThrows(
                IllegalArgumentException.class,
                () -> new ModelLocator(env()).resolve(tmp.resolve("missing").toString()));
        assertThrows(IllegalArgumentException.class, () -> new ModelLocator(env()).resolve("acme/bad--name"));
        assertEquals(0, hub.requests.size());
    }
}
