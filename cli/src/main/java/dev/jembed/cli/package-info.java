/** The {@code jembed} command. */
package dev.jembed.cli;
