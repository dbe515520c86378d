package dev.jembed.pooling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Exact top-k search of many queries over an embedding matrix, like sentence-transformers'
 * {@code util.semantic_search}: for each query, the {@code topK} corpus vectors with the highest
 * similarity, sorted by score, highest first.
 *
 * <p>Ties are broken by the lower corpus index, so results are deterministic. Scores order as
 * {@link Float#compare} does (a NaN score counts as the highest, as in {@code torch.topk}).
 * {@code topK} larger than the corpus returns the whole corpus; an empty corpus returns an empty
 * list for every query (as sentence-transformers does); {@code topK <= 0} is an error.
 *
 * <p>Dot products run four queries at a time against each corpus row on the Vector API, and query
 * blocks run in parallel on the common fork-join pool.
 */
final class SemanticSearch {
    private static final int QUERY_BLOCK = 4;

    private SemanticSearch() {}

    /** Top-k by cosine similarity, sentence-transformers' default score function. */
    public static List<List<SearchHit>> search(float[][] queries, float[][] corpus, int topK) {
        return search(queries, corpus, topK, SimilarityFunction.COSINE);
    }

    /** Top-k of every query by {@code function}. */
    public static List<List<SearchHit>> search(
            float[][] queries, float[][] corpus, int topK, SimilarityFunction function) {
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(function, "function");
        if (topK <= 0) throw new IllegalArgumentException("top_k must be positive, got " + topK);
        int dim = queries.length > 0 ? queries[0].length : corpus.length > 0 ? corpus[0].length : 0;
        checkDimension(queries, dim, "query");
        checkDimension(corpus, dim, "corpus");
        if (corpus.length == 0) {
            List<List<SearchHit>> empty = new ArrayList<>();
            for (int i = 0; i < queries.length; i++) empty.add(List.of());
            return List.copyOf(empty);
        }
        float[][] q = function.prepare(queries);
        float[][] c = function.prepare(corpus);
        int k = Math.min(topK, corpus.length);
        @SuppressWarnings("unchecked")
        List<SearchHit>[] results = (List<SearchHit>[]) new List<?>[queries.length];
        int blocks = (queries.length + QUERY_BLOCK - 1) / QUERY_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * QUERY_BLOCK, to = Math.min(from + QUERY_BLOCK, queries.length);
            TopK[] tops = new TopK[to - from];
            for (int i = 0; i < tops.length; i++) tops[i] = new TopK(k);
            scoreBlock(function, q, from, to, c, dim, tops);
            for (int i = 0; i < tops.length; i++) results[from + i] = tops[i].sorted();
        });
        return List.of(results);
    }

    private static void scoreBlock(
            SimilarityFunction f, float[][] q, int from, int to, float[][] c, int dim, TopK[] tops) {
        boolean dot = f == SimilarityFunction.COSINE || f == SimilarityFunction.DOT;
        if (dot && to - from == QUERY_BLOCK) {
            float[] s = new float[QUERY_BLOCK];
            for (int j = 0; j < c.length; j++) {
                VectorOps.dot4(q[from], q[from + 1], q[from + 2], q[from + 3], c[j], dim, s);
                for (int i = 0; i < QUERY_BLOCK; i++) tops[i].offer(s[i], j);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            for (int j = 0; j < c.length; j++) tops[i - from].offer(f.prepared(q[i], c[j]), j);
        }
    }

    private static void checkDimension(float[][] rows, int dim, String what) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new IllegalArgumentException(
                        what + " vector " + i + " has " + rows[i].length + " values, expected " + dim);
            }
        }
    }

    /** A bounded min-heap keeping the k best (score, index) pairs; the root is the worst kept. */
    private static final class TopK {
        private final float[] scores;
        private final int[] ids;
        private int size;

        TopK(int k) {
            scores = new float[k];
            ids = new int[k];
        }

        // a ranks below b: lower score, or the same score and a later index.
        private static boolean worse(float sa, int ia, float sb, int ib) {
            int c = Float.compare(sa, sb);
            return c < 0 || c == 0 && ia > ib;
        }

        void offer(float score, int id) {
            if (size < scores.length) {
                int i = size++;
                scores[i] = score;
                ids[i] = id;
                siftUp(i);
            } else if (worse(scores[0], ids[0], score, id)) {
                scores[0] = score;
                ids[0] = id;
                siftDown(0);
            }
        }

        private void siftUp(int i) {
            while (i > 0) {
                int p = (i - 1) / 2;
                if (!worse(scores[i], ids[i], scores[p], ids[p])) break;
                swap(i, p);
                i = p;
            }
        }

        private void siftDown(int i) {
            while (true) {
                int l = 2 * i + 1, r = l + 1, m = i;
                if (l < size && worse(scores[l], ids[l], scores[m], ids[m])) m = l;
                if (r < size && worse(scores[r], ids[r], scores[m], ids[m])) m = r;
                if (m == i) return;
                swap(i, m);
                i = m;
            }
        }

        private void swap(int a, int b) {
            float s = scores[a];
            scores[a] = scores[b];
            scores[b] = s;
            int t = ids[a];
            ids[a] = ids[b];
            ids[b] = t;
        }

        List<SearchHit> sorted() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) order[i] = i;
            Arrays.sort(
                    order,
                    (x, y) -> worse(scores[x], ids[x], scores[y], ids[y])
                            ? 1
                            : worse(scores[y], ids[y], scores[x], ids[x]) ? -1 : 0);
            List<SearchHit> out = new ArrayList<>(size);
            for (Integer i : order) out.add(new SearchHit(ids[i], scores[i]));
            return List.copyOf(out);
        }
    }
}
