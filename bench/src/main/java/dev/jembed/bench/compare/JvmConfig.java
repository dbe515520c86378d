package dev.jembed.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A label and the JVM flags of one jembed worker JVM in {@link CompareMain}. */
record JvmConfig(String label, List<String> flags) {

    /**
     * Parses {@code label=flag flag;label=...}; the label {@code auto} stands for every width this host
     * offers: native, AVX2 where the CPU has AVX-512 ({@code -XX:UseAVX=2}), and 128-bit vectors
     * ({@code -XX:MaxVectorSize=16}) on x86 with AVX2 or more.
     */
    static List<JvmConfig> parse(String spec) {
        List<JvmConfig> out = new ArrayList<>();
        for (String part : spec.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            if (p.equals("auto")) {
                out.addAll(widths());
                continue;
            }
            int eq = p.indexOf('=');
            String label = eq < 0 ? p : p.substring(0, eq).strip();
            List<String> flags = eq < 0 || p.substring(eq + 1).isBlank()
                    ? List.of()
                    : Arrays.asList(p.substring(eq + 1).strip().split("\\s+"));
            out.add(new JvmConfig(label, flags));
        }
        return out;
    }

    /** The vector widths this host can run, as worker configurations. */
    static List<JvmConfig> widths() {
        List<JvmConfig> out = new ArrayList<>();
        out.add(new JvmConfig("native", List.of()));
        String flags = cpuFlags();
        if (flags.contains(" avx512f ")) out.add(new JvmConfig("AVX2", List.of("-XX:UseAVX=2")));
        if (flags.contains(" avx2 ")) out.add(new JvmConfig("128-bit", List.of("-XX:MaxVectorSize=16")));
        return out;
    }

    /** The host's instruction-set summary for table headers, e.g. "AVX-512 (F, VNNI), AVX2, FMA". */
    static String hostIsa() {
        String f = cpuFlags();
        List<String> isa = new ArrayList<>();
        if (f.contains(" avx512f ")) isa.add("AVX-512" + (f.contains(" avx512_vnni ") ? " (with VNNI)" : ""));
        if (f.contains(" avx2 ")) isa.add("AVX2");
        if (f.contains(" fma ")) isa.add("FMA");
        if (f.contains(" asimd ")) isa.add("NEON (ASIMD)");
        return isa.isEmpty() ? System.getProperty("os.arch") : String.join(", ", isa);
    }

    /** The CPU model name from /proc/cpuinfo, or os.arch. */
    static String cpuName() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name"))
                    return l.substring(l.indexOf(':') + 1).strip();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String cpuFlags() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("flags") || l.startsWith("Features"))
                    return " " + l.substring(l.indexOf(':') + 1).strip() + " ";
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no flags known
        }
        return " ";
    }
}
