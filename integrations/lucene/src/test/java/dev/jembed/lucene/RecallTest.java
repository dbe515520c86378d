package dev.jembed.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall@10 of the HNSW index against brute force computed here, over 5,000 synthetic
 * sentence-embedding-like vectors (384 dimensions, 200 topics), after the writer is closed and the
 * index reopened from disk. Synthetic vectors keep this test to seconds; real text goes through
 * the index in the cli's end-to-end test.
 */
class RecallTest {
    private static final int DOCS = 5_000;
    private static final int QUERIES = 200;
    private static final int K = 10;
    private static final int DIM = 384;

    @TempDir
    static Path tmp;

    private static float[][] docs;
    private static float[][] queries;
    private static List<Set<Long>> truth;
    private static Path float32;

    @BeforeAll
    static void vectors() {
        SyntheticVectors gen = new SyntheticVectors(42, DIM, 200);
        docs = gen.next(DOCS);
        queries = gen.next(QUERIES);
        truth = new ArrayList<>();
        for (float[] q : queries) truth.add(bruteForce(q));
        float32 = build("f32", VectorQuantization.NONE);
    }

    @Test
    void float32GraphRecallAtLeast098() {
        double recall = recall(float32);
        System.out.printf("recall@10 float32 HNSW over %d vectors: %.4f%n", DOCS, recall);
        assertTrue(recall >= 0.98, "recall@10 " + recall);
    }

    @Test
    void int8GraphRecallAtLeast095() {
        double recall = recall(build("int8", VectorQuantization.INT8));
        System.out.printf("recall@10 int8 HNSW over %d vectors: %.4f%n", DOCS, recall);
        assertTrue(recall >= 0.95, "recall@10 " + recall);
    }

    @Test
    void exactSearchIsBruteForceWithTextsAndScores() {
        try (VectorIndexReader index = VectorIndexReader.open(float32)) {
            assertEquals(
                    new IndexMetadata("synthetic/clustered", DIM, VectorQuantization.NONE, DOCS), index.metadata());
            for (int q = 0; q < 20; q++) {
                List<IndexHit> hits = index.exactSearch(queries[q], K);
                assertEquals(truth.get(q), lines(hits));
                for (IndexHit h : hits) {
                    assertEquals("doc " + h.line(), h.text());
                    assertEquals(dot(queries[q], docs[(int) h.line()]), h.score(), 1e-5);
                }
                for (int i = 1; i < hits.size(); i++)
                    assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
            }
        }
    }

    private static Path build(String name, VectorQuantization quantization) {
        Path dir = tmp.resolve(name);
        try (VectorIndexWriter w = VectorIndexWriter.open(dir, "synthetic/clustered", DIM, quantization)) {
            for (int i = 0; i < DOCS; i++) w.add("doc " + i, docs[i]);
        }
        return dir;
    }

    private static double recall(Path dir) {
        int found = 0;
        try (VectorIndexReader index = VectorIndexReader.open(dir)) {
            for (int q = 0; q < QUERIES; q++) {
                Set<Long> got = lines(index.search(queries[q], K));
                got.retainAll(truth.get(q));
                found += got.size();
            }
        }
        return found / (double) (QUERIES * K);
    }

    private static Set<Long> bruteForce(float[] q) {
        float[] scores = new float[DOCS];
        for (int i = 0; i < DOCS; i++) scores[i] = dot(q, docs[i]);
        Integer[] order = new Integer[DOCS];
        for (int i = 0; i < DOCS; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        Set<Long> top = new HashSet<>();
        for (int i = 0; i < K; i++) top.add((long) order[i]);
        return top;
    }

    private static Set<Long> lines(List<IndexHit> hits) {
        Set<Long> s = new HashSet<>();
        for (IndexHit h : hits) s.add(h.line());
        return s;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
