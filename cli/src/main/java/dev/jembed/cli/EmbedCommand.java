package dev.jembed.cli;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.Precision;
import dev.jembed.pooling.SentenceTransformer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code jembed embed}: one vector per input line, in input order, as jsonl, csv or npy.
 *
 * <p>float32 and the binary precisions are written chunk by chunk as they are computed; int8 and
 * uint8 are calibrated on all the embeddings of the call, as sentence-transformers'
 * {@code encode(precision=...)} does, so they are written at the end. Input is read as it is
 * embedded, never whole (except for int8 / uint8, and for npy from standard input, whose header
 * needs the row count). {@code --output} is checked before anything else; see {@link OutputTarget}.
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
                  --prompt TEXT   text prepended to every input (e.g. "query: ")
                """ + EncodeArgs.HELP + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return EncodeArgs.declare(ModelArgs.declare(new ArgParser(name())))
                .option("--input")
                .option("--output")
                .option("--format")
                .option("--precision")
                .option("--prompt")
                .option("--truncate-dim")
                .flag("--normalize")
                .flag("--no-normalize");
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
        int batchSize = EncodeArgs.batchSize(args);
        int truncateDim = args.intValue("--truncate-dim", 0, 1);
        Boolean normalize = args.has("--normalize") ? Boolean.TRUE : args.has("--no-normalize") ? Boolean.FALSE : null;
        TextInput.checkOneSource(args);
        // checked before the input is read and the model loaded: a bad --output fails at once
        OutputTarget target = output.map(OutputTarget::of).orElse(null);

        boolean calibrated = precision == Precision.INT8 || precision == Precision.UINT8;
        try (TextInput.Lines lines = args.positionals().isEmpty()
                ? TextInput.open(args.value("--input").orElse("-"), io, format == OutputFormat.NPY || !calibrated)
                : null) {
            // int8 / uint8 calibrate on the whole input, and npy announces the row count in its header:
            // those hold the texts when the input cannot be read twice; everything else streams
            List<String> held = lines == null
                    ? args.positionals()
                    : calibrated || format == OutputFormat.NPY && lines.count() < 0 ? readAll(lines) : null;
            Iterator<String> texts = held != null ? held.iterator() : lines;
            long count = held != null ? held.size() : lines.count();

            try (SentenceTransformer model = ModelArgs.load(args, io)) {
                ProgressBar bar = EncodeArgs.progressBar(args, io, "embed", count);
                EncodeOptions options = EncodeOptions.defaults()
                        .withBatchSize(batchSize)
                        .withNormalize(normalize)
                        .withPrecision(precision)
                        .withPrompt(args.value("--prompt").orElse(null))
                        .withTruncateDim(truncateDim == 0 ? null : truncateDim)
                        .withProgress((done, total) -> bar.update(done))
                        .withChunkSize(CHUNK);
                int dimension = truncateDim == 0 ? model.dimension() : Math.min(truncateDim, model.dimension());
                try {
                    if (target == null) {
                        OutputStream out = new BufferedOutputStream(io.out(), 1 << 16);
                        write(model, held, texts, count, options, format, dimension, out);
                        out.flush();
                    } else {
                        try {
                            try (OutputStream out = new BufferedOutputStream(target.open(), 1 << 16)) {
                                write(model, held, texts, count, options, format, dimension, out);
                            }
                            target.commit();
                        } finally {
                            target.discard();
                        }
                    }
                } finally {
                    bar.finish();
                }
            }
            if (lines != null) TextInput.warn(lines, io);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return 0;
    }

    private static List<String> readAll(Iterator<String> lines) {
        List<String> out = new ArrayList<>();
        while (lines.hasNext()) out.add(lines.next());
        return out;
    }

    /** Writes the embeddings of {@code held} (all the texts) or of the stream {@code texts} of {@code rows} rows (-1: unknown). */
    private static void write(
            SentenceTransformer model,
            List<String> held,
            Iterator<String> texts,
            long rows,
            EncodeOptions options,
            OutputFormat format,
            int dimension,
            OutputStream out)
            throws IOException {
        OutputFormat.RowWriter writer = format.open(out, options.precision(), rows, dimension);
        if (options.precision() == Precision.INT8 || options.precision() == Precision.UINT8) {
            writer.write(model.encode(held, options));
        } else {
            try {
                model.encode(texts, options, (first, chunk) -> {
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
