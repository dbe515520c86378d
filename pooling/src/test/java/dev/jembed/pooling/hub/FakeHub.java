package dev.jembed.pooling.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for huggingface.co on 127.0.0.1, serving the hub's URL layout: the
 * revision API, HEAD/GET on {@code /{repo}/resolve/{revision}/{file}} with {@code X-Repo-Commit},
 * {@code ETag} (git blob sha1) for regular files and a 302 to a CDN with {@code X-Linked-Etag}
 * (sha256) and {@code X-Linked-Size} for LFS files. The CDN is the same server addressed as
 * {@code localhost}, a different host, so a leaked token would show. Failures can be injected.
 */
final class FakeHub implements AutoCloseable {
    /** One file of a commit. */
    record File(byte[] content, boolean lfs) {}

    /** A logged request. */
    record Request(String method, String host, String path, Headers headers) {}

    final Map<String, Map<String, Map<String, File>>> commits = new HashMap<>(); // repo -> commit -> files
    final Map<String, Map<String, String>> refs = new HashMap<>(); // repo -> branch -> commit
    final Map<String, String> requiredTokens = new HashMap<>(); // repo -> token
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    /** Files whose first GET is cut after this many bytes. */
    final Map<String, Integer> cutAfter = new HashMap<>();
    /** Files served with corrupted bytes. */
    final List<String> corrupt = new ArrayList<>();

    final AtomicInteger cuts = new AtomicInteger();
    /**
     * Runs on the server thread after the bytes before a cut are sent and before the connection is dropped:
     * a test waits there until the client has taken them in, so the cut comes after them and not in a race.
     */
    volatile Runnable beforeCut = () -> {};

    private final HttpServer server;

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void addCommit(String repo, String commit, Map<String, File> files, String... branches) {
        commits.computeIfAbsent(repo, k -> new HashMap<>()).put(commit, new LinkedHashMap<>(files));
        for (String b : branches)
            refs.computeIfAbsent(repo, k -> new HashMap<>()).put(b, commit);
    }

    List<Request> requests(String method) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.method().equals(method)).toList();
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitSha1(byte[] data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String etag(File f) {
        return f.lfs() ? sha256(f.content()) : gitSha1(f.content());
    }

    private void handle(HttpExchange ex) throws IOException {
        String host = ex.getRequestHeaders().getFirst("Host");
        String path = ex.getRequestURI().getRawPath();
        requests.add(new Request(
                ex.getRequestMethod(), host == null ? "" : host.split(":")[0], path, ex.getRequestHeaders()));
        try {
            if (path.startsWith("/api/models/")) api(ex, path.substring("/api/models/".length()));
            else if (path.startsWith("/cdn/")) cdn(ex, path.substring("/cdn/".length()));
            else resolve(ex, path.substring(1));
        } finally {
            ex.close();
        }
    }

    private boolean authorized(HttpExchange ex, String repo) throws IOException {
        String need = requiredTokens.get(repo);
        if (need == null) return true;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (("Bearer " + need).equals(auth)) return true;
        ex.getResponseHeaders().add("X-Error-Code", "RepoNotFound");
        ex.getResponseHeaders().add("X-Error-Message", "Invalid credentials in Authorization header");
        send(ex, 401, new byte[0]);
        return false;
    }

    private String commitOf(String repo, String revision) {
        Map<String, Map<String, File>> c = commits.get(repo);
        if (c == null) return null;
        if (c.containsKey(revision)) return revision;
        return refs.getOrDefault(repo, Map.of()).get(revision);
    }

    // /api/models/{org}/{name}/revision/{revision}
    private void api(HttpExchange ex, String rest) throws IOException {
        String[] p = rest.split("/", 4);
        String repo = p[0] + "/" + p[1];
        if (!commits.containsKey(repo)) {
            notFound(ex, "RepoNotFound");
            return;
        }
        if (!authorized(ex, repo)) return;
        String commit = commitOf(repo, URLDecoder.decode(p[3], StandardCharsets.UTF_8));
        if (commit == null) {
            notFound(ex, "RevisionNotFound");
            return;
        }
        StringBuilder json = new StringBuilder("{\"id\":\"" + repo + "\",\"sha\":\"" + commit + "\",\"siblings\":[");
        int i = 0;
        for (String f : commits.get(repo).get(commit).keySet())
            json.append(i++ > 0 ? "," : "")
                    .append("{\"rfilename\":\"")
                    .append(f)
                    .append("\"}");
        json.append("]}");
        ex.getResponseHeaders().add("Content-Type", "application/json");
        send(ex, 200, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    // /{org}/{name}/resolve/{revision}/{file...}
    private void resolve(HttpExchange ex, String rest) throws IOException {
        String[] p = rest.split("/", 5);
        if (p.length < 5 || !p[2].equals("resolve")) {
            notFound(ex, "");
            return;
        }
        String repo = p[0] + "/" + p[1];
        if (!commits.containsKey(repo)) {
            notFound(ex, "RepoNotFound");
            return;
        }
        if (!authorized(ex, repo)) return;
        String commit = commitOf(repo, URLDecoder.decode(p[3], StandardCharsets.UTF_8));
        if (commit == null) {
            notFound(ex, "RevisionNotFound");
            return;
        }
        String file = URLDecoder.decode(p[4], StandardCharsets.UTF_8);
        File f = commits.get(repo).get(commit).get(file);
        if (f == null) {
            notFound(ex, "EntryNotFound");
            return;
        }
        Headers h = ex.getResponseHeaders();
        h.add("X-Repo-Commit", commit);
        if (f.lfs()) {
            h.add("X-Linked-Etag", "\"" + sha256(f.content()) + "\"");
            h.add("X-Linked-Size", String.valueOf(f.content().length));
            h.add("ETag", "\"" + gitSha1(("version https://git-lfs.github.com/spec/v1\n").getBytes()) + "\"");
            h.add(
                    "Location",
                    "http://localhost:" + server.getAddress().getPort() + "/cdn/" + repo + "/" + commit + "/" + p[4]);
            send(ex, 302, new byte[0]);
            return;
        }
        h.add("ETag", "\"" + gitSha1(f.content()) + "\"");
        serve(ex, repo, commit, file, f);
    }

    // /cdn/{org}/{name}/{commit}/{file...}: the LFS bytes, with Range support
    private void cdn(HttpExchange ex, String rest) throws IOException {
        String[] p = rest.split("/", 4);
        String repo = p[0] + "/" + p[1];
        String file = URLDecoder.decode(p[3], StandardCharsets.UTF_8);
        serve(ex, repo, p[2], file, commits.get(repo).get(p[2]).get(file));
    }

    private void serve(HttpExchange ex, String repo, String commit, String file, File f) throws IOException {
        byte[] content = f.content();
        if (corrupt.contains(file)) {
            content = content.clone();
            content[content.length / 2] ^= 0x5A;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", String.valueOf(content.length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        int from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            from = Integer.parseInt(range.substring(6, range.length() - 1));
            if (from >= content.length) {
                ex.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                send(ex, 416, new byte[0]);
                return;
            }
            ex.getResponseHeaders()
                    .add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        int status = from > 0 ? 206 : 200;
        Integer cut;
        synchronized (cutAfter) {
            cut = cutAfter.remove(file);
        }
        ex.sendResponseHeaders(status, content.length - from);
        OutputStream out = ex.getResponseBody();
        if (cut != null) {
            out.write(content, from, cut);
            out.flush();
            cuts.incrementAndGet();
            beforeCut.run();
            throw new IOException(
                    "connection cut on purpose after " + cut + " bytes of " + file); // HttpServer drops the connection
        }
        out.write(content, from, content.length - from);
    }

    private void notFound(HttpExchange ex, String code) throws IOException {
        if (!code.isEmpty()) ex.getResponseHeaders().add("X-Error-Code", code);
        send(ex, 404, new byte[0]);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
