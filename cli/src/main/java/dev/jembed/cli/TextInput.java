package dev.jembed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Where a command's texts come from: {@code --input FILE}, {@code --input -} (standard input), or
 * the arguments. Files are decoded by {@link Utf8Lines}, one text per line, with a warning on
 * standard error when invalid UTF-8 had to be replaced.
 */
final class TextInput {
    private TextInput() {}

    /** Texts read one line at a time, and how many there are when that is known ahead. */
    static final class Lines implements Iterator<String>, AutoCloseable {
        private final Utf8Lines reader;
        private final boolean owned;
        private final long count;
        private String next;
        private boolean done;

        private Lines(Utf8Lines reader, boolean owned, long count) {
            this.reader = reader;
            this.owned = owned;
            this.count = count;
        }

        /** The number of lines, or -1 when the input can only be read once (standard input, a pipe). */
        long count() {
            return count;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = reader.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) throw new NoSuchElementException();
            String s = next;
            next = null;
            return s;
        }

        /** The warning about invalid UTF-8 seen so far, or null. */
        String warning() {
            return reader.warning();
        }

        @Override
        public void close() throws IOException {
            // standard input belongs to the process, not to this command
            if (owned) reader.close();
        }
    }

    /** The lines of {@code file}, or of standard input for {@code -}. */
    static List<String> lines(String file, Io io) throws IOException {
        try (Lines lines = open(file, io, false)) {
            List<String> out = new java.util.ArrayList<>();
            while (lines.hasNext()) out.add(lines.next());
            warn(lines, io);
            return out;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The lines of {@code file} (standard input for {@code -}) read lazily; with {@code count}, a
     * regular file is read once ahead to count them, so that the rows can be announced up front.
     */
    static Lines open(String file, Io io, boolean count) throws IOException {
        if (file.equals("-")) return new Lines(new Utf8Lines(io.in(), "standard input"), false, -1);
        Path path = Path.of(file);
        if (Files.isDirectory(path))
            throw new CommandException("cannot read " + file + ": it is a folder, not a text file");
        if (!Files.exists(path)) throw new NoSuchFileException(file);
        long n = -1;
        if (count && Files.isRegularFile(path)) {
            n = 0;
            try (Utf8Lines counter = new Utf8Lines(Files.newInputStream(path), file)) {
                while (counter.next() != null) n++;
            }
        }
        InputStream in = Files.newInputStream(path);
        return new Lines(new Utf8Lines(in, file), true, n);
    }

    /** Prints the invalid-UTF-8 warning of {@code lines}, if any. */
    static void warn(Lines lines, Io io) {
        String warning = lines.warning();
        if (warning != null) io.err().println("jembed: warning: " + warning);
    }

    /**
     * The texts of a command taking {@code --input} or text arguments (not both); standard input
     * when there are neither.
     */
    static List<String> texts(Args args, Io io) throws IOException {
        checkOneSource(args);
        if (!args.positionals().isEmpty()) return args.positionals();
        return lines(args.value("--input").orElse("-"), io);
    }

    /** Fails when both {@code --input} and text arguments are given. */
    static void checkOneSource(Args args) {
        if (args.value("--input").isPresent() && !args.positionals().isEmpty()) {
            throw new UsageException("give texts either as arguments or with --input, not both");
        }
    }
}
