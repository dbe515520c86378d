package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the commands that embed many texts draw their progress bar, and their {@code --batch-size}. */
class EncodeArgsTest {
    private static final ArgParser PARSER = EncodeArgs.declare(new ArgParser("embed"));

    @Test
    void barIsDrawnWithProgressOrOnATerminalForMoreThanOneBatch() {
        assertTrue(drawn(false, 10, "--progress"));
        assertTrue(drawn(true, 33));
        assertTrue(drawn(true, 5, "--batch-size", "4"));
        assertFalse(drawn(true, 32));
        assertFalse(drawn(false, 1000));
        // a stream of unknown length has no bar, even when asked for
        assertFalse(drawn(true, -1, "--progress"));
    }

    @Test
    void batchSizeIsPositiveAndDefaultsTo32() {
        assertEquals(32, EncodeArgs.batchSize(PARSER.parse(List.of())));
        assertEquals(8, EncodeArgs.batchSize(PARSER.parse(List.of("--batch-size", "8"))));
        assertThrows(UsageException.class, () -> EncodeArgs.batchSize(PARSER.parse(List.of("--batch-size", "0"))));
    }

    private static boolean drawn(boolean terminal, long count, String... args) {
        var err = new ByteArrayOutputStream();
        var io = new Io(
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        ProgressBar bar = EncodeArgs.progressBar(PARSER.parse(List.of(args)), io, "embed", count);
        bar.update(Math.max(count, 0));
        return err.toString(StandardCharsets.UTF_8).contains("embed [");
    }
}
