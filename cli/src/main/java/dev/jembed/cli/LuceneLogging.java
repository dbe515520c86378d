package dev.jembed.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Lucene's start-up notice ("Java vector incubator API enabled") off the command's standard
 * error; its warnings still show.
 */
final class LuceneLogging {
    // held so the level set on it is not lost when java.util.logging drops unreferenced loggers
    private static final Logger VECTORIZATION = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private LuceneLogging() {}

    static void quiet() {
        VECTORIZATION.setLevel(Level.WARNING);
    }
}
