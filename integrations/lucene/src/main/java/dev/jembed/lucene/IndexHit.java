package dev.jembed.lucene;

/**
 * One search result.
 *
 * @param line  the corpus line number, counted from 0
 * @param score the dot product of the query and the line's float32 vector (the cosine, both
 *              being normalized)
 * @param text  the line's text as indexed
 */
public record IndexHit(long line, float score, String text) {}
