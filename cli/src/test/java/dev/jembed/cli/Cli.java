package dev.jembed.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs {@link Main} in-process with captured streams. */
final class Cli {
    private Cli() {}

    /** What a run left behind. */
    record Result(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> outLines() {
            return out().lines().toList();
        }

        List<String> errLines() {
            return stderr.lines().toList();
        }
    }

    static Result run(String... args) {
        return run(new byte[0], args);
    }

    static Result run(byte[] stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(
                args,
                new Io(
                        new ByteArrayInputStream(stdin),
                        out,
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false));
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** The embedded model's folder, as the build laid it out on the test class path. */
    static Path embeddedModelFolder() {
        var url = Cli.class
                .getClassLoader()
                .getResource("jembed-models/sentence-transformers/all-MiniLM-L6-v2/index.txt");
        if (url == null)
            throw new IllegalStateException("the embedded model is not on the test class path (target/jembed-model)");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
