package dev.jembed.engine.backend;

import dev.jembed.engine.Backend;
import dev.jembed.engine.BackendStatus;
import dev.jembed.engine.BackendUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@link Backend}s installed in this JVM ({@link ServiceLoader}: engine's {@code cpu}, plus
 * any module on the class or module path that provides one) and picks the one a name asks for.
 *
 * <p>{@value #AUTO} picks the first available backend other than {@code cpu}, else {@code cpu}; the
 * reason it fell back is returned as a warning for the caller to show (the library prints nothing).
 *
 * <p>Not exported: users name a backend ({@code EngineOptions.withBackend}, {@code LoadOptions.withBackend});
 * pooling calls {@link #select} itself so that {@code auto}'s fallback reaches the user as a warning.
 */
public final class Backends {
    /** The name that asks for the best available backend. */
    public static final String AUTO = "auto";

    /** Status probes can start a device runtime: done once per backend name. */
    private static final Map<String, BackendStatus> STATUS = new ConcurrentHashMap<>();

    private Backends() {}

    /**
     * The backend {@code name} asks for and, for {@value #AUTO}, why it is {@code cpu}.
     *
     * @param backend the backend chosen
     * @param status  its status (the device it runs on)
     * @param warning null, or the reason {@code auto} fell back to {@code cpu}
     */
    public record Selection(Backend backend, BackendStatus status, String warning) {}

    /** Every installed backend, {@code cpu} first. */
    public static List<Backend> installed() {
        List<Backend> all = new ArrayList<>();
        all.add(new CpuBackend());
        for (Backend b : ServiceLoader.load(Backend.class, Backends.class.getClassLoader())) {
            if (!b.name().equals(CpuBackend.NAME)) all.add(b);
        }
        return all;
    }

    /** The status of {@code backend}, probed once per JVM. */
    public static BackendStatus status(Backend backend) {
        return STATUS.computeIfAbsent(backend.name(), n -> backend.status());
    }

    /**
     * The backend named {@code name} ({@code cpu}, {@code tornado}, ... or {@value #AUTO}).
     *
     * @throws BackendUnavailableException if a named backend is not installed or cannot run here
     */
    public static Selection select(String name) {
        List<Backend> all = installed();
        if (name.equals(AUTO)) {
            List<String> reasons = new ArrayList<>();
            for (Backend b : all) {
                if (b.name().equals(CpuBackend.NAME)) continue;
                BackendStatus s = status(b);
                if (s.available()) return new Selection(b, s, null);
                reasons.add(b.name() + ": " + s.detail());
            }
            Backend cpu = all.getFirst();
            String why = reasons.isEmpty()
                    ? "no offload backend is installed (the tornado module is not on the class path)"
                    : String.join("; ", reasons);
            return new Selection(cpu, status(cpu), "backend auto runs on the CPU: " + why);
        }
        for (Backend b : all) {
            if (!b.name().equals(name)) continue;
            BackendStatus s = status(b);
            if (!s.available()) throw new BackendUnavailableException("backend " + name + " cannot run: " + s.detail());
            return new Selection(b, s, null);
        }
        throw new BackendUnavailableException("backend " + name + " is not installed (installed: "
                + String.join(", ", all.stream().map(Backend::name).toList()) + ")"
                + (name.equals("tornado")
                        ? "; it needs the jembed-tornado module and a TornadoVM SDK (TORNADOVM_HOME), see the README's GPU section"
                        : ""));
    }
}
