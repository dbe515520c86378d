package dev.jembed.pooling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact top-k search against a brute-force sort in double precision. */
class SemanticSearchTest {

    @Test
    void topKEqualsBruteForceForEveryFunctionAndQueryCount() {
        Random rnd = new Random(11);
        float[][] corpus = SimilarityTest.random(rnd, 300, 48);
        for (int nq : new int[] {1, 3, 4, 9}) {
            float[][] queries = SimilarityTest.random(rnd, nq, 48);
            for (SimilarityFunction f : SimilarityFunction.values()) {
                List<List<SearchHit>> hits = SemanticSearch.search(queries, corpus, 10, f);
                assertEquals(nq, hits.size());
                for (int q = 0; q < nq; q++) {
                    final int qi = q;
                    List<Integer> expected = new ArrayList<>();
                    for (int j = 0; j < corpus.length; j++) expected.add(j);
                    expected.sort(Comparator.comparingDouble(
                            (Integer j) -> -SimilarityTest.reference(f, queries[qi], corpus[j])));
                    List<SearchHit> got = hits.get(q);
                    assertEquals(10, got.size());
                    for (int r = 0; r < 10; r++) {
                        assertEquals(expected.get(r), got.get(r).corpusId(), f + " query " + q + " rank " + r);
                        double ref = SimilarityTest.reference(f, queries[q], corpus[expected.get(r)]);
                        assertEquals(ref, got.get(r).score(), 1e-5 * Math.max(1, Math.abs(ref)));
                        if (r > 0)
                            assertTrue(got.get(r - 1).score() >= got.get(r).score());
                    }
                }
            }
        }
    }

    @Test
    void tiesAreBrokenByTheLowerCorpusIndex() {
        float[][] corpus = {{1, 0}, {0, 1}, {2, 0}, {1, 0}, {0.5f, 0}};
        List<SearchHit> hits =
                SemanticSearch.search(new float[][] {{1, 0}}, corpus, 4).getFirst();
        assertEquals(List.of(0, 2, 3, 4), hits.stream().map(SearchHit::corpusId).toList());
        assertEquals(1f, hits.getFirst().score());
    }

    @Test
    void topKLargerThanTheCorpusReturnsItAllAndEmptyCorpusGivesEmptyLists() {
        float[][] corpus = {{1, 0}, {0, 1}};
        assertEquals(
                2,
                SemanticSearch.search(new float[][] {{1, 1}}, corpus, 10)
                        .getFirst()
                        .size());
        List<List<SearchHit>> none = SemanticSearch.search(new float[][] {{1, 1}, {0, 1}}, new float[0][], 3);
        assertEquals(List.of(List.of(), List.of()), none);
        assertEquals(List.of(), SemanticSearch.search(new float[0][], corpus, 3));
    }

    @Test
    void invalidArguments() {
        float[][] corpus = {{1, 0}};
        assertThrows(IllegalArgumentException.class, () -> SemanticSearch.search(new float[][] {{1, 0}}, corpus, 0));
        assertThrows(IllegalArgumentException.class, () -> SemanticSearch.search(new float[][] {{1, 0}}, corpus, -3));
        assertThrows(IllegalArgumentException.class, () -> SemanticSearch.search(new float[][] {{1, 0, 0}}, corpus, 1));
    }
}
