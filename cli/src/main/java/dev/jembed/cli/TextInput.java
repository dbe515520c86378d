package dev.jembed.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a command's texts come from: {@code --input FILE}, {@code --input -} (standard input), or
 * the arguments. Files are decoded by {@link Utf8Lines}, one text per line, with a warning on
 * standard error when invalid UTF-8 had to be replaced.
 */
final class TextInput {
    private TextInput() {
    }

    /** The lines of {@code file}, or of standard input for {@code -}. */
    static List<String> lines(String file, Io io) throws IOException {
        boolean stdin = file.equals("-");
        InputStream in = stdin ? io.in() : Files.newInputStream(Path.of(file));
        Utf8Lines reader = new Utf8Lines(in, stdin ? "standard input" : file);
        try {
            List<String> lines = Utf8Lines.readAll(reader);
            String warning = reader.warning();
            if (warning != null) io.err().println("jembed: warning: " + warning);
            return lines;
        } finally {
            // standard input belongs to the process, not to this command
            if (!stdin) reader.close();
        }
    }

    /**
     * The texts of a command taking {@code --input} or text arguments (not both); standard input
     * when there are neither.
     */
    static List<String> texts(Args args, Io io) throws IOException {
        var input = args.value("--input");
        if (input.isPresent() && !args.positionals().isEmpty()) {
            throw new UsageException("give texts either as arguments or with --input, not both");
        }
        if (!args.positionals().isEmpty()) return args.positionals();
        return lines(input.orElse("-"), io);
    }
}
