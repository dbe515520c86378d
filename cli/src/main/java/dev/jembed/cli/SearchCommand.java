package dev.jembed.cli;

import dev.jembed.lucene.IndexHit;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SearchHit;
import dev.jembed.pooling.SentenceTransformer;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jembed search}: for each query, the {@code --top-k} corpus lines most similar to it by the
 * model's similarity function, best first (sentence-transformers' {@code util.semantic_search}).
 */
final class SearchCommand implements Command {
    static final int DEFAULT_TOP_K = 10;

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String summary() {
        return "find the corpus lines closest to each query";
    }

    @Override
    public String help() {
        return """
                usage: jembed search [options] --corpus FILE QUERY...
                       jembed search [options] --index DIR QUERY...

                Embeds every line of FILE and each QUERY, and prints for each query the corpus lines
                most similar to it, with their scores, best first. With --index, searches an index
                built by 'jembed index' instead, embedding only the queries.

                options:
                  --corpus FILE   the texts to search, one per line (- for standard input)
                  --index DIR     an index built by 'jembed index' (its model unless --model is given)
                  --top-k K       results per query (default %d)
                  --json          one JSON object per query and line:
                                  {"query": ..., "hits": [{"corpus_id": i, "score": s, "text": ...}]}
                                  (corpus_id counts lines from 0)
                """.formatted(DEFAULT_TOP_K) + EncodeArgs.HELP + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return EncodeArgs.declare(ModelArgs.declare(new ArgParser(name())))
                .option("--corpus")
                .option("--index")
                .option("--top-k")
                .flag("--json");
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        if (args.value("--corpus").isPresent() && args.value("--index").isPresent()) {
            throw new UsageException("give --corpus FILE or --index DIR, not both");
        }
        String corpusFile = args.value("--corpus").orElse(null);
        if (corpusFile == null && args.value("--index").isEmpty())
            throw new UsageException("search needs --corpus FILE or --index DIR");
        List<String> queries = args.positionals();
        if (queries.isEmpty()) throw new UsageException("search needs at least one query");
        int topK = args.intValue("--top-k", DEFAULT_TOP_K, 1);
        if (corpusFile == null)
            return IndexSearch.run(args, io, Path.of(args.value("--index").get()), queries, topK);
        int batchSize = EncodeArgs.batchSize(args);
        List<String> corpus = TextInput.lines(corpusFile, io);
        if (corpus.isEmpty()) throw new CommandException("the corpus " + corpusFile + " is empty: no lines to search");

        try (SentenceTransformer model = ModelArgs.load(args, io)) {
            ProgressBar bar = EncodeArgs.progressBar(args, io, "search", corpus.size());
            EncodeOptions options = EncodeOptions.defaults().withBatchSize(batchSize);
            float[][] corpusVectors;
            try {
                corpusVectors = model.encode(corpus, options.withProgress((done, total) -> bar.update(done)))
                        .floats();
            } finally {
                bar.finish();
            }
            float[][] queryVectors = model.encode(queries, options).floats();
            List<List<SearchHit>> results = model.search(queryVectors, corpusVectors, topK);

            Writer out = io.textOut();
            for (int q = 0; q < queries.size(); q++) {
                List<IndexHit> hits = results.get(q).stream()
                        .map(h -> new IndexHit(h.corpusId(), h.score(), corpus.get(h.corpusId())))
                        .toList();
                SearchOutput.write(out, args.has("--json"), q, queries.get(q), hits);
            }
            out.flush();
        }
        return 0;
    }
}
