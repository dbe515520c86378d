package dev.jembed.cli;

import dev.jembed.lucene.IndexHit;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * How {@code jembed search} prints one query's hits, the same whether they come from a corpus file
 * (a hit's line is its corpus id) or from an index: a block of {@code score  text} lines, or with
 * {@code --json} one object per query.
 */
final class SearchOutput {
    private SearchOutput() {}

    /** Prints query number {@code q} and its hits, best first. */
    static void write(Writer out, boolean json, int q, String query, List<IndexHit> hits) throws IOException {
        if (json) {
            out.append(json(query, hits)).append('\n');
            return;
        }
        if (q > 0) out.append('\n');
        out.append(query).append('\n');
        for (IndexHit hit : hits) {
            out.append(String.format(Locale.ROOT, "  %.4f  ", hit.score()))
                    .append(hit.text())
                    .append('\n');
        }
    }

    static String json(String query, List<IndexHit> hits) {
        StringBuilder b =
                new StringBuilder("{\"query\": ").append(JsonText.string(query)).append(", \"hits\": [");
        for (int i = 0; i < hits.size(); i++) {
            IndexHit h = hits.get(i);
            if (i > 0) b.append(", ");
            b.append("{\"corpus_id\": ")
                    .append(h.line())
                    .append(", \"score\": ")
                    .append(JsonText.number(h.score()))
                    .append(", \"text\": ")
                    .append(JsonText.string(h.text()))
                    .append('}');
        }
        return b.append("]}").toString();
    }
}
