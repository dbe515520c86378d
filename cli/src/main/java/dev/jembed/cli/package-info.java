/**
 * The {@code jembed} command: {@link dev.jembed.cli.Main} dispatches to one class per subcommand.
 * Not exported; the module {@code dev.jembed.cli} is a program, not a library.
 */
package dev.jembed.cli;
