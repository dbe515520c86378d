package dev.jembed.pooling;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Determinism across JIT tiers: the same text gives the same bits cold and after warm-up, alone and
 * in batches, in the interpreter, with C1 only, with C2 only and with the default tiered JIT; and
 * the SIMD reductions equal their scalar twins. Before the pooling reductions stopped using
 * {@code reduceLanes(ADD)}, the normalized vectors differed in the last bits between tiers.
 */
@Tag("slow")
class JitTierDeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void embeddingsAndReductionsHaveTheSameBitsAtEveryTier() throws Exception {
        Path folder = TinyModels.stFolder(tmp.resolve("bert"), "bert", TinyModels.MEAN, "Normalize");
        Map<String, List<String>> runs = new LinkedHashMap<>();
        runs.put("interpreter", probe(folder, 3, "-Xint"));
        runs.put("C1", probe(folder, 12_000, "-XX:TieredStopAtLevel=1"));
        runs.put("C2", probe(folder, 12_000, "-XX:-TieredCompilation"));
        runs.put("tiered", probe(folder, 12_000));
        List<String> reference = runs.get("interpreter");
        assertEquals(8, reference.size(), String.join("\n", reference));
        for (var run : runs.entrySet()) {
            List<String> lines = run.getValue();
            String text = value(lines, "text cold");
            assertEquals(text, value(lines, "text warm"), run.getKey() + ": warm vs cold");
            for (String l : lines) if (l.startsWith("text in batch")) assertEquals(text, value(List.of(l), l.substring(0, l.indexOf(':'))), run.getKey() + " " + l);
            assertEquals(value(lines, "reductions cold"), value(lines, "reductions warm"), run.getKey() + ": reductions warm vs cold");
            assertEquals(reference, lines, run.getKey() + " vs the interpreter");
        }
    }

    @Test
    void simdReductionsEqualTheirScalarTwins() {
        Random r = new Random(7);
        for (int n = 0; n <= 200; n++) {
            float[] a = new float[n + 3], b = new float[n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
                b[i] = (float) r.nextGaussian() * 1e3f;
            }
            assertEquals(Float.floatToRawIntBits(VectorOps.dotScalar(a, 3, b, 3, n)), Float.floatToRawIntBits(VectorOps.dot(a, 3, b, 3, n)), "dot " + n);
            assertEquals(Float.floatToRawIntBits(VectorOps.squaredDistanceScalar(a, b, n)), Float.floatToRawIntBits(VectorOps.squaredDistance(a, b, n)), "sq " + n);
            assertEquals(Float.floatToRawIntBits(VectorOps.manhattanScalar(a, b, n)), Float.floatToRawIntBits(VectorOps.manhattan(a, b, n)), "l1 " + n);
            float[] four = new float[4];
            VectorOps.dot4(a, b, b, a, a, n, four);
            assertEquals(Float.floatToRawIntBits(VectorOps.dotScalar(a, 0, a, 0, n)), Float.floatToRawIntBits(four[0]), "dot4 " + n);
            assertEquals(Float.floatToRawIntBits(VectorOps.dotScalar(b, 0, a, 0, n)), Float.floatToRawIntBits(four[1]), "dot4 " + n);
        }
    }

    private static String value(List<String> lines, String label) {
        for (String l : lines) if (l.startsWith(label + ": ")) return l.substring(label.length() + 2);
        throw new AssertionError("no line '" + label + "' in " + lines);
    }

    /** Runs {@link TierProbe} in a new JVM with {@code flags}; its output lines. */
    static List<String> probe(Path folder, int warm, String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xshare:auto", "-XX:+UseSerialGC", "-Xmx256m"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TierProbe.class.getName(), folder.toString(),
                Integer.toString(warm)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().filter(l -> !l.startsWith("WARNING:")).toList();
    }
}
