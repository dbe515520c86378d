package dev.jembed.pooling.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The environment model resolution reads, injectable so tests never depend on the real one: the
 * variables huggingface_hub honours ({@code HF_HUB_CACHE}, {@code HF_HOME}, {@code HF_ENDPOINT},
 * {@code HF_TOKEN}, {@code HF_HUB_OFFLINE}, ...), the home directory ({@code $HOME} first), and the
 * class loader that embedded models are looked up in.
 *
 * @param variables         environment variables
 * @param home              the user's home directory ({@code ~})
 * @param classLoader       where embedded models ({@code jembed-models/...}) are looked up
 * @param allowLoopbackHttp test hook: allow plain http to 127.0.0.1 / localhost (an in-process
 *                          server); every other URL must be https
 */
public record HubEnvironment(
        Map<String, String> variables, Path home, ClassLoader classLoader, boolean allowLoopbackHttp) {

    /** huggingface_hub's default endpoint. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

    public HubEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /** The process environment, the home folder ({@link #homeOf}) and this library's class loader. */
    public static HubEnvironment system() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        Map<String, String> env = System.getenv();
        return new HubEnvironment(
                env,
                homeOf(env, System.getProperty("user.home")),
                cl != null ? cl : HubEnvironment.class.getClassLoader(),
                false);
    }

    /**
     * {@code $HOME} when set to an absolute path, as Python and every shell tool read it; else
     * {@code userHome} (Java's {@code user.home}, which comes from the account database and ignores
     * {@code HOME}).
     */
    static Path homeOf(Map<String, String> env, String userHome) {
        String h = env.get("HOME");
        if (h != null && !h.isBlank()) {
            try {
                Path p = Path.of(h);
                if (p.isAbsolute()) return p;
            } catch (java.nio.file.InvalidPathException ignored) {
                // fall through to user.home
            }
        }
        return Path.of(userHome == null || userHome.isBlank() ? "/" : userHome);
    }

    /** Only {@code variables} and {@code home}: for tests. */
    public static HubEnvironment of(Map<String, String> variables, Path home) {
        return new HubEnvironment(variables, home, HubEnvironment.class.getClassLoader(), false);
    }

    public HubEnvironment with(String name, String value) {
        Map<String, String> v = new HashMap<>(variables);
        if (value == null) v.remove(name);
        else v.put(name, value);
        return new HubEnvironment(v, home, classLoader, allowLoopbackHttp);
    }

    public HubEnvironment withClassLoader(ClassLoader loader) {
        return new HubEnvironment(variables, home, loader, allowLoopbackHttp);
    }

    /** Test hook: allow {@code http://127.0.0.1} (an in-process server). */
    public HubEnvironment withLoopbackHttp() {
        return new HubEnvironment(variables, home, classLoader, true);
    }

    private Optional<String> get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private Path expand(String p) {
        if (p.equals("~")) return home;
        if (p.startsWith("~/")) return home.resolve(p.substring(2));
        return Path.of(p);
    }

    /** {@code $XDG_CACHE_HOME}, else {@code ~/.cache}. */
    private Path cacheHome() {
        return get("XDG_CACHE_HOME").map(this::expand).orElse(home.resolve(".cache"));
    }

    /** {@code $HF_HOME}, else {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}. */
    public Path hfHome() {
        return get("HF_HOME").map(this::expand).orElse(cacheHome().resolve("huggingface"));
    }

    /** The hub cache: {@code $HF_HUB_CACHE} (or the older {@code $HUGGINGFACE_HUB_CACHE}), else {@code $HF_HOME/hub}. */
    public Path hubCache() {
        return get("HF_HUB_CACHE")
                .or(() -> get("HUGGINGFACE_HUB_CACHE"))
                .map(this::expand)
                .orElse(hfHome().resolve("hub"));
    }

    /** Where jembed unpacks embedded models: {@code $JEMBED_CACHE}, else {@code $XDG_CACHE_HOME/jembed}. */
    public Path jembedCache() {
        return get("JEMBED_CACHE").map(this::expand).orElse(cacheHome().resolve("jembed"));
    }

    /**
     * Where embedded models go when {@link #jembedCache()} cannot be written (a home folder that is
     * {@code /nonexistent} or read-only): {@code $TMPDIR/jembed-cache-<user>}, else the JVM's
     * temporary folder. Its content is checked against the jar's hashes like the main cache's.
     */
    public Path jembedCacheFallback() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path tmp = get("TMPDIR").map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
        return tmp.resolve("jembed-cache-" + user);
    }

    /** {@code $HF_ENDPOINT} without trailing slashes, else https://huggingface.co. */
    public String endpoint() {
        String e = get("HF_ENDPOINT").orElse(DEFAULT_ENDPOINT);
        while (e.endsWith("/")) e = e.substring(0, e.length() - 1);
        return e;
    }

    /** True when {@code HF_HUB_OFFLINE} is 1 / ON / YES / TRUE: no network at all. */
    public boolean offline() {
        return get("HF_HUB_OFFLINE")
                .map(v -> TRUE_VALUES.contains(v.trim().toUpperCase(Locale.ROOT)))
                .orElse(false);
    }

    /**
     * The access token: {@code $HF_TOKEN} (or the older {@code $HUGGING_FACE_HUB_TOKEN}), else the
     * file {@code $HF_TOKEN_PATH} or {@code $HF_HOME/token} that {@code huggingface-cli login} writes.
     */
    public Optional<String> token() {
        Optional<String> t = get("HF_TOKEN").or(() -> get("HUGGING_FACE_HUB_TOKEN"));
        if (t.isPresent()) return t.map(String::trim);
        Path file = get("HF_TOKEN_PATH").map(this::expand).orElse(hfHome().resolve("token"));
        try {
            if (Files.isRegularFile(file)) {
                String s = Files.readString(file, StandardCharsets.UTF_8).trim();
                return s.isEmpty() ? Optional.empty() : Optional.of(s);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
