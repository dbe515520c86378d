package dev.jembed.cli;

import dev.jembed.lucene.CorpusIndex;
import dev.jembed.lucene.IndexHit;
import dev.jembed.lucene.VectorIndexReader;
import dev.jembed.pooling.SentenceTransformer;
import java.io.Writer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jembed search --index DIR}: the queries against an index built by {@code jembed index},
 * printed as {@code search --corpus} prints them. Without {@code --model}, the index's own model is loaded.
 */
final class IndexSearch {
    private IndexSearch() {}

    static int run(Args args, Io io, Path dir, List<String> queries, int topK) throws Exception {
        LuceneLogging.quiet();
        try (VectorIndexReader index = VectorIndexReader.open(dir);
                SentenceTransformer model =
                        ModelArgs.load(withModel(args, index.metadata().modelId()), io)) {
            Writer out = io.textOut();
            for (int q = 0; q < queries.size(); q++) {
                List<IndexHit> hits = CorpusIndex.search(index, model, queries.get(q), topK);
                SearchOutput.write(out, args.has("--json"), q, queries.get(q), hits);
            }
            out.flush();
        }
        return 0;
    }

    /** {@code args} with {@code --model} set to the index's model when the command line names none. */
    private static Args withModel(Args args, String indexModel) {
        if (args.value("--model").isPresent()) return args;
        Map<String, String> values = new HashMap<>(args.values());
        values.put("--model", indexModel);
        return new Args(args.command(), values, args.flags(), args.positionals());
    }
}
