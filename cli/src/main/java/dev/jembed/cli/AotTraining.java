package dev.jembed.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The training run of the {@code jembed} launcher's AOT cache (JDK 25, JEPs 483, 514 and 515): the
 * launcher runs this class once with {@code -XX:AOTCacheOutput} (see {@code JEMBED_AOT_TRAIN} in
 * the launcher) and the JVM records the classes it loaded, linked and profiled into the cache, so
 * later {@code jembed} starts skip that work. It runs the commands a user runs on the default model,
 * in-process with discarded output, so the cache covers each command's classes and the profiles of
 * the tokenizer and the kernels. Exits 0 when every command succeeded, else 1 naming the command.
 */
public final class AotTraining {
    /** Short and long sentences, so the batch and padding paths run too. */
    private static final String TEXTS = """
            How can we trust the numbers on our dashboards?
            A practical introduction to observability for small teams.
            Scaling a monolith: what we learned splitting our database without downtime.
            Type systems, property tests and the bugs they still miss.
            hello
            Café, naïve, 東京, and emoji 🙂 all go through the same tokenizer.
            Why our on-call rotation burned people out, and the three changes that fixed it over one quarter.
            Designing APIs that are hard to misuse.
            """;

    /** Each loads the model again (the slow part of the training), so only the common commands. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("embed", "--batch-size", "4"),
            List.of("search", "--corpus", "-", "--top-k", "3", "How can we trust the numbers?"),
            List.of("similarity", "a fast car", "a quick automobile"),
            List.of("tokenize", "Hello, world!"));

    private AotTraining() {}

    public static void main(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (List<String> command : COMMANDS) {
            var io = new Io(
                    new ByteArrayInputStream(TEXTS.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(),
                    sink,
                    false);
            int status = Main.run(command.toArray(String[]::new), io);
            if (status != 0) {
                System.err.println(
                        "jembed AOT training: 'jembed " + String.join(" ", command) + "' exited with " + status);
                System.exit(1);
            }
        }
        // the encoder's pool threads must not keep the JVM (and the cache dump at its exit) waiting
        System.exit(0);
    }
}
