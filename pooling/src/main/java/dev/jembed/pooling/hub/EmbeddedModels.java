package dev.jembed.pooling.hub;

import dev.jembed.pooling.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Models shipped inside a jar. Convention: the model folder's files are resources under
 * {@code jembed-models/<org>/<name>/}, listed in {@code jembed-models/<org>/<name>/index.txt}:
 * <pre>
 * # revision: 1110a243fdf4706b3f48f1d95db1a4f5529b4d41      (optional: the hub commit it was built from)
 * 9e4d...64 hex...  config.json                              (sha256sum format: hash, two spaces, path)
 * 1_Pooling/config.json                                      (or just the path, unverified)
 * </pre>
 * Paths are relative, with {@code /} separators. A folder on the class path (an IDE or
 * {@code target/classes}) is used in place; from a jar, the files are copied once to
 * {@code <jembed cache>/embedded/<org>--<name>/<first 16 hex of sha256(index.txt)>/} because weights
 * are memory-mapped from disk ({@link EmbeddedCopy}: verified, repaired, umask permissions), or to
 * {@link HubEnvironment#jembedCacheFallback()} when the cache cannot be written.
 *
 * <p>An id without {@code @revision}, or with {@code @main} (the branch the copy was taken from),
 * matches an embedded model; one with another revision matches only if the index declares it.
 */
final class EmbeddedModels {
    /** Resource folder holding embedded models. */
    static final String ROOT = "jembed-models";
    /** The index file name inside each model's resource folder. */
    static final String INDEX = "index.txt";

    private static final Pattern ENTRY = Pattern.compile("(?:([0-9a-f]{64}) [ *])?\\s*(\\S.*)");

    private EmbeddedModels() {}

    /** An index entry: a relative path and its sha256, or null when the index gives none. */
    record Entry(String path, String sha256) {}

    /** A parsed index. */
    record Index(String revision, List<Entry> entries) {}

    /** The folder of the embedded model {@code id}, unpacked if needed, or empty if there is none. */
    static Optional<Path> find(ModelId id, HubEnvironment env) {
        String base = ROOT + "/" + id.organization() + "/" + id.name() + "/";
        URL indexUrl = env.classLoader().getResource(base + INDEX);
        if (indexUrl == null) return Optional.empty();
        byte[] indexBytes;
        try (InputStream in = indexUrl.openStream()) {
            indexBytes = in.readAllBytes();
        } catch (IOException e) {
            throw new HubException(
                    "embedded model " + id.repoId() + ": cannot read " + indexUrl + ": " + e.getMessage(), e);
        }
        Index index = parse(new String(indexBytes, StandardCharsets.UTF_8), indexUrl);
        if (id.explicitRevision()
                && !id.revision().equals(ModelId.DEFAULT_REVISION)
                && !id.revision().equals(index.revision())) {
            return Optional.empty();
        }
        if (indexUrl.getProtocol().equals("file")) {
            Path folder = Path.of(toUri(indexUrl)).getParent();
            for (Entry e : index.entries()) {
                if (!Files.isRegularFile(folder.resolve(e.path()))) {
                    throw new HubException("embedded model " + id.repoId() + ": " + folder.resolve(e.path())
                            + " is listed in " + INDEX + " but missing");
                }
            }
            return Optional.of(folder);
        }
        String folder = id.organization() + "--" + id.name();
        String version = HexFormat.of().formatHex(sha256(indexBytes)).substring(0, 16);
        List<String> failures = new ArrayList<>();
        for (Path cache : List.of(env.jembedCache(), env.jembedCacheFallback())) {
            Path target = cache.resolve("embedded").resolve(folder).resolve(version);
            try {
                return Optional.of(EmbeddedCopy.ensure(id.repoId(), env.classLoader(), base, index, target));
            } catch (IOException e) {
                failures.add(target + " (" + reason(e) + ")");
            }
        }
        throw new HubException("embedded model " + id.repoId() + ": cannot unpack it to "
                + String.join(" nor to ", failures) + "; set JEMBED_CACHE (or XDG_CACHE_HOME) to a writable folder");
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied: " + e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such folder: " + e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null)
            return f.getFile() + ": " + f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static Index parse(String text, Object source) {
        String revision = null;
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                String c = line.substring(1).strip();
                if (c.startsWith("revision:"))
                    revision = c.substring("revision:".length()).strip();
                continue;
            }
            var m = ENTRY.matcher(line);
            if (!m.matches()) throw new HubException(source + ": bad index line \"" + line + "\"");
            String path = m.group(2).strip();
            if (path.startsWith("/")
                    || path.contains("\\")
                    || Stream.of(path.split("/")).anyMatch(s -> s.isEmpty() || s.equals("..") || s.equals("."))) {
                throw new HubException(source + ": unsafe path \"" + path + "\" in index");
            }
            entries.add(new Entry(path, m.group(1)));
        }
        if (entries.isEmpty()) throw new HubException(source + ": the index lists no files");
        return new Index(revision, List.copyOf(entries));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new HubException("bad resource URL " + url, e);
        }
    }
}
