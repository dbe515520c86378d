package dev.jembed.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files the command is writing, deleted by a shutdown hook when the JVM stops before they
 * were renamed into place (Ctrl-C, SIGTERM); {@code kill -9} leaves them to the next run's sweep.
 */
final class TempFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private TempFiles() {}

    static void register(Path temp) {
        if (!hooked) hook();
        LIVE.add(temp);
    }

    static void unregister(Path temp) {
        LIVE.remove(temp);
    }

    private static synchronized void hook() {
        if (hooked) return;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            for (Path p : LIVE) {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException ignored) {
                                    // the JVM is going away; the next run sweeps what is left
                                }
                            }
                        },
                        "jembed-temp-cleanup"));
        hooked = true;
    }
}
