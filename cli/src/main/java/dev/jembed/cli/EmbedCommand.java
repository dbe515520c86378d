package dev.jembed.cli;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.Precision;
import dev.jembed.pooling.SentenceTransformer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code jembed embed}: one vector per input line, in input order, as jsonl, csv or npy.
 *
 * <p>float32 and the binary precisions are written chunk by chunk as they are computed; int8 and
 * uint8 are calibrated on all the embeddings of the call, as sentence-transformers'
 * {@code encode(precision=...)} does, so they are written at the end. An output file is written
 * next to its final name and moved into place only when complete.
 */
final class EmbedCommand implements Command {
    private static final List<String> PRECISIONS = List.of("float32", "int8", "uint8", "binary", "ubinary");
    /** Texts embedded between two writes of the streaming path. */
    private static final int CHUNK = 1024;

    @Override
    public String name() {
        return "embed";
    }

    @Override
    public String summary() {
        return "embed each input line (one vector per line: jsonl, csv or npy)";
    }

    @Override
    public String help() {
        return """
                usage: jembed embed [options] [TEXT...]

                Embeds one text per input line (an empty line is an empty text) and writes one vector
                per line, in the same order.

                options:
                  --input FILE    read texts from FILE, one per line (- or no --input and no TEXT: standard input)
                  --output FILE   write to FILE instead of standard output
                  --format F      jsonl (one JSON array per line), csv, or npy (a NumPy array, shape
                                  (texts, dimension)); default: from the --output extension, else jsonl
                  --normalize     L2-normalize the output, whatever the model does
                  --no-normalize  skip the model's Normalize module
                  --precision P   float32 (default), int8, uint8 (calibrated on this input), binary or
                                  ubinary (bits packed 8 per value), as sentence-transformers quantizes
                  --truncate-dim N  keep the first N dimensions (Matryoshka models)
                  --batch-size N  texts per forward pass (default 32)
                  --prompt TEXT   text prepended to every input (e.g. "query: ")
                  --progress      show a progress bar even when standard error is not a terminal
                """ + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return ModelArgs.declare(new ArgParser(name()))
                .option("--input").option("--output").option("--format").option("--precision")
                .option("--batch-size").option("--prompt").option("--truncate-dim")
                .flag("--normalize").flag("--no-normalize").flag("--progress");
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        if (args.has("--normalize") && args.has("--no-normalize")) {
            throw new UsageException("--normalize and --no-normalize exclude each other");
        }
        var output = args.value("--output");
        OutputFormat format = args.value("--format").isPresent()
                ? OutputFormat.fromName(args.choice("--format", "jsonl", OutputFormat.NAMES))
                : output.map(OutputFormat::forFileName).orElse(OutputFormat.JSONL);
        Precision precision = Precision.fromName(args.choice("--precision", "float32", PRECISIONS));
        int batchSize = args.intValue("--batch-size", 32, 1);
        int truncateDim = args.intValue("--truncate-dim", 0, 1);
        Boolean normalize = args.has("--normalize") ? Boolean.TRUE : args.has("--no-normalize") ? Boolean.FALSE : null;
        List<String> texts = TextInput.texts(args, io);

        Path target = output.map(o -> Path.of(o).toAbsolutePath()).orElse(null);
        if (target != null && !Files.isDirectory(target.getParent())) {
            throw new CommandException("cannot write " + output.get() + ": the folder " + target.getParent() + " does not exist");
        }

        try (SentenceTransformer model = ModelArgs.load(args, io)) {
            ProgressBar bar = new ProgressBar(io.err(), "embed", texts.size(),
                    args.has("--progress") || io.stderrIsTerminal() && texts.size() > batchSize);
            EncodeOptions options = EncodeOptions.defaults().batchSize(batchSize).normalize(normalize)
                    .precision(precision).prompt(args.value("--prompt").orElse(null))
                    .truncateDim(truncateDim == 0 ? null : truncateDim)
                    .progress((done, total) -> bar.update(done)).chunkSize(CHUNK);
            int dimension = truncateDim == 0 ? model.dimension() : Math.min(truncateDim, model.dimension());
            try {
                if (target == null) {
                    OutputStream out = new BufferedOutputStream(io.out(), 1 << 16);
                    write(model, texts, options, format, dimension, out);
                    out.flush();
                } else {
                    // not createTempFile: its owner-only permissions would carry over to the result
                    Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
                    try {
                        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                            write(model, texts, options, format, dimension, out);
                        }
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            } finally {
                bar.finish();
            }
        }
        return 0;
    }

    private static void write(SentenceTransformer model, List<String> texts, EncodeOptions options, OutputFormat format,
                              int dimension, OutputStream out) throws IOException {
        OutputFormat.RowWriter writer = format.open(out, options.precision(), texts.size(), dimension);
        if (options.precision() == Precision.INT8 || options.precision() == Precision.UINT8) {
            writer.write(model.encode(texts, options));
        } else {
            try {
                model.encode(texts.iterator(), options, (first, chunk) -> {
                    try {
                        writer.write(chunk);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        writer.finish();
    }
}
