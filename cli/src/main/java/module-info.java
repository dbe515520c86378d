/**
 * The {@code jembed} command ({@code dev.jembed.cli.Main}): embed, similarity, search, tokenize,
 * info, serve and index. A program, not a library: it exports no package. Run it with
 * {@code java -p <jars> -m dev.jembed.cli/dev.jembed.cli.Main}, or through the {@code ./jembed}
 * launcher (class path).
 */
module dev.jembed.cli {
    requires dev.jembed.pooling;
    requires dev.jembed.lucene;
    requires com.fasterxml.jackson.core;
    requires jdk.httpserver;
    requires java.logging;
}
