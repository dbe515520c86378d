package dev.jembed.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The streams a command talks to, so tests can run commands in-process: standard input, standard
 * output as bytes (npy is binary), standard error as UTF-8 text, and whether standard error is a
 * terminal (where the progress bar is drawn by default).
 */
record Io(InputStream in, OutputStream out, PrintStream err, boolean stderrIsTerminal) {

    /** Set by the {@code jembed} launcher, which knows whether file descriptor 2 is a terminal. */
    public static final String STDERR_TERMINAL_PROPERTY = "jembed.stderr.terminal";

    /** Standard output as UTF-8 text, buffered: flush it when done (it is not closed, the stream is the caller's). */
    public Writer textOut() {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /** The process's streams, unbuffered underneath so nothing is lost at exit. */
    public static Io system() {
        String flag = System.getProperty(STDERR_TERMINAL_PROPERTY);
        boolean terminal;
        if (flag != null) {
            terminal = Boolean.parseBoolean(flag);
        } else {
            // Without the launcher's word, a console on both ends is the best guess available.
            var console = System.console();
            terminal = console != null && console.isTerminal();
        }
        return new Io(
                new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                terminal);
    }
}
