package dev.jembed.cli;

import dev.jembed.lucene.CorpusIndex;
import dev.jembed.lucene.VectorQuantization;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jembed index}: embeds a corpus once into a persistent Lucene HNSW index that
 * {@code jembed search --index} queries; a second run embeds only the lines added since.
 */
final class IndexCommand implements Command {

    @Override
    public String name() {
        return "index";
    }

    @Override
    public String summary() {
        return "embed a corpus once into a persistent vector index for search --index";
    }

    @Override
    public String help() {
        return """
                usage: jembed index [options] --corpus FILE --index DIR

                Embeds every line of FILE and stores the normalized vectors, with each line's text and
                number, in a Lucene HNSW index in DIR (created if missing), with the model id and
                dimension. Run it again when lines were added at the end of FILE: only those are
                embedded; a corpus whose indexed lines changed is refused. Query the index with
                'jembed search --index DIR QUERY...'.

                options:
                  --corpus FILE   the texts to index, one per line (- for standard input)
                  --index DIR     the index directory
                  --quantize Q    how the graph stores vectors: none (float32, the default for a new
                                  index) or int8 (a byte per dimension; hits are re-scored with float32)
                """ + EncodeArgs.HELP + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return EncodeArgs.declare(ModelArgs.declare(new ArgParser(name())))
                .option("--corpus")
                .option("--index")
                .option("--quantize");
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        String corpusFile = args.value("--corpus").orElseThrow(() -> new UsageException("index needs --corpus FILE"));
        Path dir = Path.of(args.value("--index").orElseThrow(() -> new UsageException("index needs --index DIR")));
        if (!args.positionals().isEmpty()) throw new UsageException("index takes no positional arguments");
        String quantize = args.choice("--quantize", null, List.of("none", "int8"));
        int batchSize = EncodeArgs.batchSize(args);
        List<String> corpus = TextInput.lines(corpusFile, io);
        if (corpus.isEmpty()) throw new CommandException("the corpus " + corpusFile + " is empty: no lines to index");

        LuceneLogging.quiet();
        try (SentenceTransformer model = ModelArgs.load(args, io)) {
            ProgressBar bar = EncodeArgs.progressBar(args, io, "index", corpus.size());
            CorpusIndex.Added added;
            try {
                EncodeOptions options = EncodeOptions.defaults()
                        .withBatchSize(batchSize)
                        .withProgress((done, total) -> bar.update(done));
                added = CorpusIndex.add(
                        dir, corpus, model, quantize == null ? null : VectorQuantization.parse(quantize), options);
            } finally {
                bar.finish();
            }
            io.err()
                    .println("jembed: " + dir + ": " + added.added() + " new lines indexed, "
                            + (added.existing() + added.added()) + " in all (model " + CorpusIndex.modelId(model)
                            + ", dimension " + model.dimension() + ")");
        }
        return 0;
    }
}
