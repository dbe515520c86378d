package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close()} from inside a progress callback used to wait for its own call forever and block
 * every other thread's encode behind it; it now fails at once with a typed exception. The timeout
 * is only a guard that turns the former deadlock into a failure instead of a hung build.
 */
class CloseFromCallbackTest {
    @TempDir
    Path tmp;

    @Test
    void closeInsideAProgressCallbackFailsFastAndLeavesTheModelUsable() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("m"), "bert", TinyModels.MEAN, "Normalize");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) texts.add("w" + (300 + i));
        SentenceTransformer model =
                SentenceTransformer.load(folder, LoadOptions.defaults().withThreads(1));
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            float[][] expected = model.encode(texts);
            var e = assertThrows(
                    IllegalCallerException.class,
                    () -> model.encode(
                            texts, EncodeOptions.defaults().withBatchSize(10).withProgress((done, total) -> {
                                if (done >= 20) model.close();
                            })));
            assertEquals(true, e.getMessage().contains("progress callback"), e.getMessage());
            // still open, other threads are not blocked
            float[] other = CompletableFuture.supplyAsync(() -> model.encode(texts.get(3)))
                    .get();
            assertArrayEquals(expected[3], other);
            model.close();
            assertThrows(IllegalStateException.class, () -> model.encode(texts.get(0)));
        });
    }
}
