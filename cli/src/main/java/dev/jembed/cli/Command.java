package dev.jembed.cli;

/**
 * One subcommand of {@code jembed}: its option grammar, its help text and what it does. A command
 * returns its exit status and reports trouble by throwing: {@link UsageException} (status 2) or any
 * other exception (status 1), which {@link Main} turns into one line on standard error.
 */
interface Command {

    /** The name typed after {@code jembed}. */
    String name();

    /** One line for {@code jembed --help}. */
    String summary();

    /** The full text of {@code jembed <name> --help}. */
    String help();

    /** The options this command accepts. */
    ArgParser parser();

    /** Runs the command; returns the exit status (0 on success). */
    int run(Args args, Io io) throws Exception;
}
