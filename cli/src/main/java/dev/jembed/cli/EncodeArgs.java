package dev.jembed.cli;

/**
 * The encoding options the commands that embed many texts share: {@code --batch-size} and
 * {@code --progress}, with their help lines and the progress bar they ask for.
 */
final class EncodeArgs {
    static final String HELP = """
              --batch-size N  texts per forward pass (default 32)
              --progress      show a progress bar even when standard error is not a terminal
            """;

    private EncodeArgs() {}

    /** Adds {@code --batch-size} and {@code --progress} to {@code parser}. */
    static ArgParser declare(ArgParser parser) {
        return parser.option("--batch-size").flag("--progress");
    }

    static int batchSize(Args args) {
        return args.intValue("--batch-size", 32, 1);
    }

    /**
     * The bar for embedding {@code count} texts ({@code -1}: unknown, no bar): shown with
     * {@code --progress}, or on a terminal when the texts take more than one batch.
     */
    static ProgressBar progressBar(Args args, Io io, String label, long count) {
        boolean shown = count >= 0 && (args.has("--progress") || io.stderrIsTerminal() && count > batchSize(args));
        return new ProgressBar(io.err(), label, Math.max(count, 0), shown);
    }
}
