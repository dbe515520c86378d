package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LoadOptions#withHubCache} and {@link LoadOptions#withOffline}: a model id is looked up in the
 * cache given and never downloaded offline; {@link ModelInfo} says which id and commit were loaded.
 */
class HubOptionsTest {
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    @Test
    void anIdIsLoadedFromTheGivenCacheWithItsIdAndCommit() throws Exception {
        Path cache = tmp.resolve("hub");
        Path repo = cache.resolve("models--acme--tiny");
        Path snapshot = TinyModels.stFolder(repo.resolve("snapshots").resolve(COMMIT), "bert", TinyModels.MEAN);
        Files.writeString(Files.createDirectories(repo.resolve("refs")).resolve("main"), COMMIT);
        LoadOptions options =
                LoadOptions.defaults().withThreads(1).withHubCache(cache).withOffline(true);
        try (SentenceTransformer model = SentenceTransformer.load("acme/tiny", options)) {
            ModelInfo info = model.info();
            assertEquals("acme/tiny", info.modelId());
            assertEquals(COMMIT, info.commit());
            assertEquals(snapshot, info.folder());
            assertTrue(info.source().startsWith("acme/tiny@" + COMMIT), info.source());
        }
    }

    @Test
    void offlineNeverDownloadsAndNamesTheCacheItLookedIn() {
        Path cache = tmp.resolve("empty");
        LoadOptions options = LoadOptions.defaults().withHubCache(cache).withOffline(true);
        HubException e = assertThrows(HubException.class, () -> SentenceTransformer.load("acme/absent", options));
        assertTrue(e.getMessage().contains("HF_HUB_OFFLINE=1"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.resolve("models--acme--absent").toString()), e.getMessage());
    }

    @Test
    void aFolderHasNeitherIdNorCommit() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("m"), "bert", TinyModels.MEAN);
        try (SentenceTransformer model = SentenceTransformer.load(
                folder.toString(), LoadOptions.defaults().withThreads(1))) {
            assertNull(model.info().modelId());
            assertNull(model.info().commit());
            assertEquals(folder, model.info().folder());
        }
    }
}
