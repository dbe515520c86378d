package dev.jembed.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;

/**
 * The default size of an executor's model thread pool: the cores one executor runs tasks on, so
 * that jembed's threads (shared by all the executor's tasks, whose forward passes take turns) never
 * outnumber them. {@code local[N]}: N (at most the machine's processors); {@code local[*]}: the machine's processors; {@code local}: 1;
 * {@code local-cluster[n,c,m]}: c; a cluster: {@code spark.executor.cores} when set, else 0, which
 * lets each executor use the processors its JVM sees (its container's CPU limit on YARN and
 * Kubernetes).
 */
final class ExecutorCores {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,\\s*\\d+)?]");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

    private ExecutorCores() {}

    static int of(SparkContext sc) {
        return of(sc.master(), sc.getConf().getOption("spark.executor.cores").getOrElse(() -> null));
    }

    /** The cores for a master URL and the {@code spark.executor.cores} setting (null if unset); 0: the executor decides. */
    static int of(String master, String executorCores) {
        int available = Runtime.getRuntime().availableProcessors();
        if (master.equals("local")) return 1;
        Matcher m = LOCAL.matcher(master);
        // more local threads than processors would oversubscribe them: cap at the processors
        if (m.matches())
            return m.group(1).equals("*") ? available : Math.clamp(Integer.parseInt(m.group(1)), 1, available);
        m = LOCAL_CLUSTER.matcher(master);
        if (m.matches()) return Math.max(1, Integer.parseInt(m.group(1)));
        if (executorCores != null && !executorCores.isBlank())
            return Math.max(1, Integer.parseInt(executorCores.strip()));
        return 0;
    }
}
