package dev.jembed.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code jembed} command: {@code embed}, {@code similarity}, {@code search}, {@code tokenize}
 * and {@code info}. {@link #run} does the work and returns the exit status (0 success, 1 failure, 2
 * usage error) so it can be called in-process; only {@link #main} exits. Every failure is one line
 * on standard error, {@code jembed: <message>}; {@code --debug} adds the stack trace.
 */
public final class Main {
    /** Exit status of a command that failed. */
    public static final int FAILURE = 1;
    /** Exit status of a command line that is wrong. */
    public static final int USAGE = 2;

    private static final List<Command> COMMANDS = List.of(
            new EmbedCommand(),
            new SimilarityCommand(),
            new SearchCommand(),
            new IndexCommand(),
            new TokenizeCommand(),
            new InfoCommand(),
            new ServeCommand());

    private Main() {}

    public static void main(String[] args) {
        // exit explicitly: a failure must not leave the JVM waiting for pool threads
        System.exit(run(args, Io.system()));
    }

    /** Runs a command line against {@code io}; returns the exit status. */
    public static int run(String[] args, Io io) {
        boolean debug = debugRequested(args);
        Command command = null;
        try {
            if (args.length == 0) throw new UsageException("no command given; try 'jembed --help'");
            String first = args[0];
            if (first.equals("--help") || first.equals("-h") || first.equals("help") && args.length == 1) {
                return print(io, help());
            }
            if (first.equals("help")) {
                return print(io, find(args[1]).help());
            }
            if (first.equals("--version")) {
                return print(io, "jembed " + version() + "\n");
            }
            command = find(first);
            Args parsed = command.parser().parse(Arrays.asList(args).subList(1, args.length));
            if (parsed.has("--help")) return print(io, command.help());
            return command.run(parsed, io);
        } catch (UsageException e) {
            String hint = command == null ? "" : " (see 'jembed " + command.name() + " --help')";
            io.err().println("jembed: " + oneLine(e.getMessage()) + hint);
            if (debug) e.printStackTrace(io.err());
            return USAGE;
        } catch (Exception | Error e) {
            // the reader of our output went away (`jembed embed | head`): stop quietly, as Unix tools do
            if (brokenPipe(e)) return 0;
            io.err().println("jembed: " + describe(e, debug));
            if (debug) e.printStackTrace(io.err());
            return FAILURE;
        }
    }

    /** True if {@code t} or a cause is the write to a pipe whose reader has closed it (EPIPE). */
    static boolean brokenPipe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException
                    && c.getMessage() != null
                    && c.getMessage().contains("Broken pipe")) return true;
        }
        return false;
    }

    private static Command find(String name) {
        for (Command c : COMMANDS) if (c.name().equals(name)) return c;
        throw new UsageException("unknown command '" + name + "'; the commands are "
                + String.join(", ", COMMANDS.stream().map(Command::name).toList()) + " (see 'jembed --help')");
    }

    private static boolean debugRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--")) return false;
            if (a.equals("--debug")) return true;
        }
        return false;
    }

    private static int print(Io io, String text) throws IOException {
        var out = io.textOut();
        out.append(text);
        out.flush();
        return 0;
    }

    static String help() {
        StringBuilder b = new StringBuilder("""
                jembed: sentence embeddings in pure Java, the vectors sentence-transformers computes

                usage: jembed <command> [options]

                commands:
                """);
        for (Command c : COMMANDS) b.append(String.format("  %-11s %s%n", c.name(), c.summary()));
        b.append("""

                The default model is %s, embedded in jembed (no network needed).
                --model takes a model folder or a Hugging Face id (org/name[@revision]), found in the
                Hugging Face cache or downloaded into it. Texts are read as UTF-8, one per line.

                'jembed <command> --help' shows a command's options; --debug adds stack traces to errors.
                Exit status: 0 success, 1 failure, 2 wrong command line.
                """.formatted(ModelArgs.DEFAULT_MODEL));
        return b.toString();
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "(development build)";
    }

    /** The one line printed for a failure. */
    static String describe(Throwable t, boolean debug) {
        if (t instanceof UncheckedIOException u && u.getCause() != null) t = u.getCause();
        String message = t.getMessage();
        String text = switch (t) {
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case FileSystemException e ->
                e.getFile() + ": "
                        + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
            case OutOfMemoryError e -> "out of memory; give Java more heap, e.g. JEMBED_JAVA_OPTS=-Xmx8g";
            case StackOverflowError e -> "stack overflow";
            default ->
                message != null && !message.isBlank()
                        ? message
                        : "internal error: " + t.getClass().getName()
                                + (debug ? "" : " (rerun with --debug for the stack trace)");
        };
        return oneLine(text);
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
