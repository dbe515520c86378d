package dev.jembed.pooling.hub;

import dev.jembed.pooling.HubException;
import dev.jembed.pooling.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The Hugging Face hub over HTTPS, the way huggingface_hub talks to it: the file list from
 * {@code {endpoint}/api/models/{repo}/revision/{revision}}, file metadata from a HEAD on
 * {@code {endpoint}/{repo}/resolve/{revision}/{file}} ({@code X-Repo-Commit}, {@code X-Linked-Etag}
 * or {@code ETag}, {@code X-Linked-Size}, a redirect to the CDN), then the download into the cache:
 * a {@code .incomplete} file resumed with a Range request after a cut connection, checked against
 * the etag (sha256 for LFS files, the git blob sha1 otherwise), moved atomically into
 * {@code blobs/}. A checksum mismatch deletes the file and fails.
 */
final class HubClient implements AutoCloseable {
    private static final int ATTEMPTS = 3;
    private static final int MAX_REDIRECTS = 10;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern GIT_SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
    private static final Map<Path, Object> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final String USER_AGENT =
            "jembed/0.1; java/" + Runtime.version().feature();

    private final HubEnvironment env;
    private final HttpClient http;
    private final Optional<String> token;
    private final URI endpoint;

    HubClient(HubEnvironment env) {
        this.env = env;
        this.endpoint = URI.create(env.endpoint() + "/");
        checkScheme(endpoint);
        this.token = env.token();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** A revision resolved to its commit, with every file of the repository at that commit. */
    record RepoFiles(String commit, List<String> files) {}

    /** Metadata of one file as the HEAD request reports it. */
    record FileMetadata(String commit, String etag, long size, URI location) {}

    /** {@code GET /api/models/{repo}/revision/{revision}}: the commit and the file names. */
    RepoFiles listFiles(ModelId id) {
        URI uri = endpoint.resolve("api/models/" + id.repoId() + "/revision/" + encodeSegment(id.revision()));
        HttpResponse<InputStream> r = follow("GET", uri, -1, id, "the file list");
        try (InputStream in = r.body()) {
            Object json = Json.parse(in, Path.of(uri.getPath()));
            if (!(json instanceof Map<?, ?> m)
                    || !(m.get("sha") instanceof String sha)
                    || !GIT_SHA1.matcher(sha).matches()
                    || !(m.get("siblings") instanceof List<?> siblings)) {
                throw new HubException(id + ": unexpected answer from " + uri + " (no commit sha or siblings)");
            }
            List<String> files = new ArrayList<>();
            for (Object s : siblings) {
                if (s instanceof Map<?, ?> f && f.get("rfilename") instanceof String name) files.add(name);
            }
            return new RepoFiles(sha, files);
        } catch (IOException e) {
            throw new HubException(id + ": reading " + uri + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof HubException) throw e;
            throw new HubException(id + ": malformed answer from " + uri + ": " + e.getMessage(), e);
        }
    }

    /** HEAD on the resolve URL, following same-host redirects (renamed repositories) but not the CDN one. */
    FileMetadata metadata(ModelId id, String revision, String file) {
        URI uri = resolveUrl(id, revision, file);
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> r = send("HEAD", uri, -1, id, file);
            closeQuietly(r);
            int status = r.statusCode();
            if (status >= 300 && status < 400) {
                URI next = location(r, uri, id, file);
                if (sameHost(next, uri)) {
                    uri = next;
                    continue;
                }
                return metadataFrom(r, next, id, file);
            }
            if (status == 200) return metadataFrom(r, uri, id, file);
            throw statusError(r, id, file);
        }
        throw new HubException(id + ": too many redirects for " + file);
    }

    private FileMetadata metadataFrom(HttpResponse<?> r, URI location, ModelId id, String file) {
        String etag = r.headers()
                .firstValue("X-Linked-Etag")
                .or(() -> r.headers().firstValue("ETag"))
                .orElse(null);
        if (etag == null)
            throw new HubException(id + ": the hub sent no ETag for " + file + "; cannot verify the download");
        if (etag.startsWith("W/")) etag = etag.substring(2);
        etag = etag.replace("\"", "");
        if (!SAFE_ETAG.matcher(etag).matches())
            throw new HubException(id + ": unusable ETag \"" + etag + "\" for " + file);
        Optional<String> size = r.headers().firstValue("X-Linked-Size");
        if (size.isEmpty() && r.statusCode() == 200) size = r.headers().firstValue("Content-Length");
        long bytes = -1;
        try {
            if (size.isPresent()) bytes = Long.parseLong(size.get().trim());
        } catch (NumberFormatException e) {
            throw new HubException(id + ": bad size header \"" + size.get() + "\" for " + file);
        }
        return new FileMetadata(r.headers().firstValue("X-Repo-Commit").orElse(null), etag, bytes, location);
    }

    /**
     * Downloads one file of {@code commit} into the cache (unless its blob is already there) and
     * links it into the snapshot; returns the snapshot path of the file.
     */
    Path download(ModelId id, HubCache cache, String commit, String file) throws IOException {
        FileMetadata meta = metadata(id, commit, file);
        if (meta.commit() != null && !meta.commit().equals(commit)) {
            throw new HubException(
                    id + ": asked for commit " + commit + " of " + file + ", the hub answered with " + meta.commit());
        }
        Path blob = cache.blob(meta.etag());
        if (!Files.isRegularFile(blob)) {
            Files.createDirectories(blob.getParent());
            Path lockFile = cache.lock(meta.etag());
            Files.createDirectories(lockFile.getParent());
            synchronized (JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new Object())) {
                try (FileChannel lockChannel =
                                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock _ = lockChannel.lock()) {
                    if (!Files.isRegularFile(blob)) fetch(id, file, meta, cache.incomplete(meta.etag()), blob);
                }
            }
        }
        return cache.link(commit, file, blob);
    }

    private void fetch(ModelId id, String file, FileMetadata meta, Path incomplete, Path blob) throws IOException {
        IOException last = null;
        boolean restarted = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long have = Files.exists(incomplete) ? Files.size(incomplete) : 0;
            if (meta.size() >= 0 && have > meta.size()) {
                Files.delete(incomplete);
                have = 0;
            }
            if (meta.size() < 0 || have < meta.size()) {
                HttpResponse<InputStream> r = follow("GET", meta.location(), have, id, file);
                if (r.statusCode() == 416 && !restarted) { // our partial file does not fit the server's: start over
                    closeQuietly(r);
                    Files.deleteIfExists(incomplete);
                    restarted = true;
                    attempt--;
                    continue;
                }
                boolean append = have > 0 && r.statusCode() == 206;
                try (InputStream in = r.body();
                        FileChannel out = FileChannel.open(
                                incomplete,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) out.write(ByteBuffer.wrap(buffer, 0, n));
                } catch (IOException e) {
                    last = e; // connection cut: the bytes so far stay in .incomplete and the next attempt resumes
                    continue;
                }
            }
            long size = Files.size(incomplete);
            if (meta.size() >= 0 && size != meta.size()) {
                last = new IOException("got " + size + " of " + meta.size() + " bytes");
                continue;
            }
            verify(id, file, meta.etag(), incomplete);
            HubCache.move(incomplete, blob);
            return;
        }
        throw new HubException(
                id + ": downloading " + file + " failed after " + ATTEMPTS + " attempts ("
                        + (last == null ? "unknown error" : last.getMessage()) + "); the partial file "
                        + incomplete + " is kept and the next run resumes it",
                last);
    }

    /** sha256 for LFS etags (64 hex), the git blob sha1 for regular files (40 hex); other etags cannot be checked. */
    private static void verify(ModelId id, String file, String etag, Path data) throws IOException {
        String actual;
        if (SHA256.matcher(etag).matches()) actual = digest("SHA-256", null, data);
        else if (GIT_SHA1.matcher(etag).matches()) actual = digest("SHA-1", "blob " + Files.size(data) + "\0", data);
        else return;
        if (!actual.equals(etag)) {
            Files.deleteIfExists(data);
            throw new HubException(id + ": checksum mismatch for " + file + ": the hub's etag is " + etag
                    + " but the downloaded bytes hash to " + actual + "; the file was deleted");
        }
    }

    private static String digest(String algorithm, String prefix, Path data) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) md.update(prefix.getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = Files.newInputStream(data)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request that follows redirects itself: https only, the token only to the endpoint's host. */
    private HttpResponse<InputStream> follow(String method, URI uri, long rangeFrom, ModelId id, String what) {
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> r = send(method, uri, rangeFrom, id, what);
            int status = r.statusCode();
            if (status >= 300 && status < 400) {
                closeQuietly(r);
                uri = location(r, uri, id, what);
                continue;
            }
            if (status == 200 || status == 206 || status == 416) return r;
            closeQuietly(r);
            throw statusError(r, id, what);
        }
        throw new HubException(id + ": too many redirects for " + what);
    }

    private HttpResponse<InputStream> send(String method, URI uri, long rangeFrom, ModelId id, String what) {
        checkScheme(uri);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofMinutes(2))
                .header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token.isPresent() && sameHost(uri, endpoint)) b.header("Authorization", "Bearer " + token.get());
        if (rangeFrom > 0) b.header("Range", "bytes=" + rangeFrom + "-");
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new HubException(
                    id + ": cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " for " + what + " ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(id + ": interrupted while fetching " + what, e);
        }
    }

    private HubException statusError(HttpResponse<?> r, ModelId id, String what) {
        int status = r.statusCode();
        String code = r.headers().firstValue("X-Error-Code").orElse("");
        String hubMessage = r.headers()
                .firstValue("X-Error-Message")
                .map(m -> " (" + m + ")")
                .orElse("");
        String url = r.uri().toString();
        String msg = switch (status) {
            case 401 ->
                id + ": 401 Unauthorized for " + what + " at " + url + hubMessage + ": "
                        + (token.isPresent()
                                ? "the token from HF_TOKEN was refused; "
                                : "the repository is private or gated, or does not exist; set HF_TOKEN to a token with access; ")
                        + "check the model id";
            case 403 ->
                id + ": 403 Forbidden for " + what + " at " + url + hubMessage
                        + ": the token has no access (a gated model whose conditions were not accepted?)";
            case 404 ->
                id + ": 404 Not Found for " + what + " at " + url + hubMessage + ": "
                        + switch (code) {
                            case "RepoNotFound" -> "no such repository";
                            case "RevisionNotFound" -> "no such revision \"" + id.revision() + "\"";
                            case "EntryNotFound" -> "no such file in the repository";
                            default -> "no such repository, revision or file";
                        };
            default -> id + ": HTTP " + status + " for " + what + " at " + url + hubMessage;
        };
        return new HubException(msg, status, null);
    }

    private URI location(HttpResponse<?> r, URI base, ModelId id, String what) {
        String loc = r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new HubException(id + ": redirect without Location for " + what));
        URI next = base.resolve(loc);
        checkScheme(next);
        return next;
    }

    private void checkScheme(URI uri) {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) return;
        String host = Objects.requireNonNullElse(uri.getHost(), "");
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if (scheme.equals("http") && env.allowLoopbackHttp() && loopback) return;
        throw new HubException("refusing " + uri + ": jembed downloads over https only (check HF_ENDPOINT)");
    }

    private static boolean sameHost(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme())
                && Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    /** {@code {endpoint}/{repo}/resolve/{revision}/{file}}, revision and path segments percent-encoded as huggingface_hub quotes them. */
    URI resolveUrl(ModelId id, String revision, String file) {
        StringBuilder path = new StringBuilder();
        for (String segment : file.split("/"))
            path.append(path.isEmpty() ? "" : "/").append(encodeSegment(segment));
        return endpoint.resolve(id.repoId() + "/resolve/" + encodeSegment(revision) + "/" + path);
    }

    private static String encodeSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void closeQuietly(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // the body is unwanted; a failed close only leaves a connection to the pool's cleanup
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
