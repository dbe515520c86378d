package dev.jembed.pooling.hub;

import dev.jembed.pooling.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One repository in the Hugging Face cache, in huggingface_hub's layout, so jembed and Python share
 * downloads:
 * <pre>
 * {hub cache}/models--{org}--{name}/refs/{revision}            the commit hash a branch or tag points to
 * {hub cache}/models--{org}--{name}/snapshots/{commit}/{file}  a relative symlink to ../../blobs/{etag}
 * {hub cache}/models--{org}--{name}/blobs/{etag}               the content ({etag}.incomplete while downloading)
 * {hub cache}/.locks/models--{org}--{name}/{etag}.lock         taken while a blob is written
 * </pre>
 */
final class HubCache {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    private final Path root;
    private final ModelId id;
    private final Path repo;

    HubCache(Path root, ModelId id) {
        this.root = root;
        this.id = id;
        this.repo = root.resolve(id.cacheFolderName());
    }

    Path repoFolder() {
        return repo;
    }

    Path snapshot(String commit) {
        return repo.resolve("snapshots").resolve(commit);
    }

    Path blob(String etag) {
        return repo.resolve("blobs").resolve(etag);
    }

    Path incomplete(String etag) {
        return repo.resolve("blobs").resolve(etag + ".incomplete");
    }

    Path lock(String etag) {
        return root.resolve(".locks").resolve(id.cacheFolderName()).resolve(etag + ".lock");
    }

    /** The commit a revision names in this cache: itself for a cached commit hash, else the content of refs/{revision}. */
    Optional<String> commitFor(String revision) throws IOException {
        if (COMMIT.matcher(revision).matches() && Files.isDirectory(snapshot(revision))) return Optional.of(revision);
        Path ref = repo.resolve("refs").resolve(revision);
        if (!Files.isRegularFile(ref)) return Optional.empty();
        String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
        return COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
    }

    /** Records that {@code revision} points to {@code commit} (atomically, as huggingface_hub does for branches and tags). */
    void writeRef(String revision, String commit) throws IOException {
        if (revision.equals(commit)) return;
        Path ref = repo.resolve("refs").resolve(revision);
        Files.createDirectories(ref.getParent());
        Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
        Files.writeString(tmp, commit, StandardCharsets.UTF_8);
        move(tmp, ref);
    }

    /**
     * Makes {@code snapshots/{commit}/{file}} point at {@code blob}: a relative symlink as
     * huggingface_hub creates it, or, where symlinks are not allowed, the blob moved into place
     * (huggingface_hub's own fallback).
     */
    Path link(String commit, String file, Path blob) throws IOException {
        Path pointer = snapshot(commit).resolve(file);
        Files.createDirectories(pointer.getParent());
        Path target = pointer.getParent().relativize(blob);
        Files.deleteIfExists(pointer);
        try {
            Files.createSymbolicLink(pointer, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            move(blob, pointer);
        }
        return pointer;
    }

    /**
     * True if a snapshot has what loading needs: config.json, safetensors weights, a tokenizer
     * file, and the files of every module modules.json lists. Half-finished downloads (weights are
     * fetched last) are not usable; a malformed modules.json is left for the loader to report.
     */
    static boolean usable(Path snapshot) {
        return missing(snapshot).isEmpty();
    }

    /** What a snapshot lacks of what {@link #usable} asks for, in words; empty if nothing. */
    static List<String> missing(Path snapshot) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(snapshot.resolve("config.json"))) missing.add("config.json");
        if (!Files.isRegularFile(snapshot.resolve("model.safetensors"))
                && !Files.isRegularFile(snapshot.resolve("model.safetensors.index.json"))) {
            missing.add("model.safetensors (or model.safetensors.index.json)");
        }
        if (!Files.isRegularFile(snapshot.resolve("tokenizer.json"))
                && !Files.isRegularFile(snapshot.resolve("vocab.txt"))
                && !Files.isRegularFile(snapshot.resolve("vocab.json"))) {
            missing.add("a tokenizer (tokenizer.json, vocab.txt or vocab.json)");
        }
        Path modules = snapshot.resolve("modules.json");
        if (!Files.isRegularFile(modules)) return missing;
        try {
            if (!(Json.parse(modules) instanceof List<?> entries)) return missing;
            for (Object o : entries) {
                if (!(o instanceof Map<?, ?> m)
                        || !(m.get("path") instanceof String p)
                        || !(m.get("type") instanceof String t)) continue;
                if ((t.endsWith(".Pooling") || t.endsWith(".Dense"))
                        && !Files.isRegularFile(snapshot.resolve(p).resolve("config.json"))) {
                    missing.add(p + "/config.json");
                }
                if (t.endsWith(".Dense")
                        && !Files.isRegularFile(snapshot.resolve(p).resolve("model.safetensors"))) {
                    missing.add(p + "/model.safetensors");
                }
            }
        } catch (RuntimeException e) {
            return missing;
        }
        return missing;
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
