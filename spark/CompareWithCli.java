import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The acceptance check of the Spark job against the jembed command, run as a source file:
 *   java spark/CompareWithCli.java OUT-FOLDER CLI.jsonl
 * OUT-FOLDER is EmbedJob's jsonl output (part files, concatenated in name order), CLI.jsonl the
 * output of `./jembed embed` on the same input. Exits 0 when every line is present once, in order
 * (line = 1, 2, ...), and every value is the same float32 (parsed with Float.parseFloat, which is
 * exact for the shortest representations both sides print), else 1 with the first difference.
 */
public final class CompareWithCli {
    public static void main(String[] args) throws IOException {
        List<String> spark = new ArrayList<>();
        try (Stream<Path> parts = Files.list(Path.of(args[0]))) {
            for (Path p : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
                spark.addAll(Files.readAllLines(p));
            }
        }
        List<String> cli = Files.readAllLines(Path.of(args[1]));
        if (spark.size() != cli.size()) fail("Spark wrote " + spark.size() + " rows, jembed embed " + cli.size());
        long values = 0;
        for (int i = 0; i < cli.size(); i++) {
            String row = spark.get(i);
            if (!row.startsWith("{\"line\":" + (i + 1) + ",")) fail("row " + i + " is not line " + (i + 1) + ": " + row.substring(0, 40));
            int at = row.lastIndexOf("\"embedding\":[");
            if (at < 0) fail("line " + (i + 1) + " has no embedding: " + row);
            float[] a = floats(row.substring(at + 13, row.indexOf(']', at)));
            String c = cli.get(i);
            float[] b = floats(c.substring(1, c.length() - 1));
            if (a.length != b.length) fail("line " + (i + 1) + ": dimension " + a.length + " vs " + b.length);
            for (int j = 0; j < a.length; j++) {
                if (Float.floatToRawIntBits(a[j]) != Float.floatToRawIntBits(b[j])) {
                    fail("line " + (i + 1) + " value " + j + ": Spark " + a[j] + ", jembed embed " + b[j]);
                }
            }
            values += a.length;
        }
        System.out.println("identical: " + cli.size() + " lines, " + values + " float32 values bit for bit");
    }

    private static float[] floats(String csv) {
        String[] s = csv.split(",");
        float[] f = new float[s.length];
        for (int i = 0; i < s.length; i++) f[i] = Float.parseFloat(s[i]);
        return f;
    }

    private static void fail(String message) {
        System.out.println("DIFFERENT: " + message);
        System.exit(1);
    }
}
