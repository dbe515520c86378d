package dev.jembed.lucene;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;

/** Opening index directories and turning Lucene's exceptions into {@link IndexException}s that say what is wrong. */
final class IndexDirectories {
    /** The field holding each line's normalized vector. */
    static final String VECTOR = "vector";
    /** The stored field holding each line's text. */
    static final String TEXT = "text";
    /** The stored field holding each line's number, from 0. */
    static final String LINE = "line";

    private IndexDirectories() {}

    /** Fails unless {@code path} is an existing directory. */
    static void requireDirectory(Path path) {
        if (!Files.exists(path)) throw new IndexException(path, "no such index directory");
        if (!Files.isDirectory(path)) throw new IndexException(path, "not a directory, so not a jembed index");
    }

    /** True if {@code path} is a directory with no entries. */
    static boolean isEmptyDirectory(Path path) {
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new IndexException(path, "cannot list the directory: " + e.getMessage(), e);
        }
    }

    /** The metadata of the latest commit in {@code dir}, which must hold a jembed index. */
    static IndexMetadata readMetadata(Path path, Directory dir) {
        try {
            if (!DirectoryReader.indexExists(dir)) {
                throw new IndexException(
                        path, "not a jembed index (no Lucene index in it; build one with 'jembed index')");
            }
            return IndexMetadata.fromCommitData(
                    path, SegmentInfos.readLatestCommit(dir).getUserData());
        } catch (IOException e) {
            throw translate(path, e);
        }
    }

    /** An {@link IndexException} for a Lucene I/O failure on the index in {@code path}. */
    static IndexException translate(Path path, IOException e) {
        return switch (e) {
            case IndexFormatTooOldException x ->
                new IndexException(path, "written by an older, unsupported Lucene: " + x.getMessage(), e);
            case IndexFormatTooNewException x ->
                new IndexException(path, "written by a newer Lucene: " + x.getMessage(), e);
            case CorruptIndexException x -> new IndexException(path, "the index is corrupt: " + x.getMessage(), e);
            case EOFException x ->
                new IndexException(path, "the index is corrupt (a file is truncated): " + x.getMessage(), e);
            case NoSuchFileException x ->
                new IndexException(path, "the index is corrupt (a file is missing): " + x.getMessage(), e);
            case LockObtainFailedException x -> new IndexException(path, "another process is writing this index", e);
            default -> new IndexException(path, "cannot read or write the index: " + e, e);
        };
    }
}
