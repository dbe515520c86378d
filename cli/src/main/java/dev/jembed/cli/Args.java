package dev.jembed.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: option values by name (with their dashes), the flags present, and the
 * positional arguments in order. The typed getters turn bad values into {@link UsageException}s.
 */
record Args(String command, Map<String, String> values, Set<String> flags, List<String> positionals) {

    public Args {
        values = Map.copyOf(values);
        flags = Set.copyOf(flags);
        positionals = List.copyOf(positionals);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    public String value(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    /**
     * The integer value of {@code option}, or {@code fallback} when absent.
     *
     * @throws UsageException if the value is not an integer, does not fit an int or is below {@code min}
     */
    public int intValue(String option, int fallback, int min) {
        String v = values.get(option);
        if (v == null) return fallback;
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            if (v.strip().matches("-\\d+"))
                throw new UsageException("option " + option + " must be at least " + min + ", got " + v.strip());
            if (v.strip().matches("\\+?\\d+")) {
                throw new UsageException(
                        "option " + option + " is out of range: " + v.strip() + " (at most " + Integer.MAX_VALUE + ")");
            }
            throw new UsageException("option " + option + " needs an integer, got \"" + v + "\"");
        }
        if (n < min) throw new UsageException("option " + option + " must be at least " + min + ", got " + n);
        return n;
    }

    /** The one value among {@code choices} (case-insensitive) given to {@code option}, or {@code fallback}. */
    public String choice(String option, String fallback, List<String> choices) {
        String v = values.get(option);
        if (v == null) return fallback;
        for (String c : choices) if (c.equalsIgnoreCase(v.strip())) return c;
        throw new UsageException(
                "option " + option + " must be one of " + String.join(", ", choices) + ", got \"" + v + "\"");
    }
}
