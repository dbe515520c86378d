package dev.jembed.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** The benchmark mains' comma-separated option values, such as {@code --sizes 10000,200000}. */
public final class BenchArgs {
    private BenchArgs() {}

    /** Each comma-separated item of {@code csv}, trimmed and parsed. */
    public static <T> List<T> list(String csv, Function<String, T> parse) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(parse).toList();
    }

    /** The comma-separated integers of {@code csv}. */
    public static int[] ints(String csv) {
        return list(csv, Integer::parseInt).stream().mapToInt(Integer::intValue).toArray();
    }
}
