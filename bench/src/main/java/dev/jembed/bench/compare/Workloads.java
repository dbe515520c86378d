package dev.jembed.bench.compare;

/** The workloads {@link CompareMain} times on both sides: the corpus at batch 1 and 32, and two queries. */
final class Workloads {
    static final String QUERY_9 = "how do I speed up a slow join"; // 9 tokens with [CLS]/[SEP]
    static final String QUERY_74 = "We migrated our nightly batch pipelines from a hand-written scheduler to an "
            + "orchestrator with explicit dependencies, retries and data quality checks; which of the lessons about "
            + "backfills, idempotent tasks and alerting carry over to streaming jobs that run continuously in production?";
    /** Queries per latency measurement. */
    static final int LATENCY_RUNS = 50;
    /** Workload names, in the order they are timed each round. */
    static final String[] NAMES = {"b1", "b32", "q9", "q74"};

    private Workloads() {}
}
