package dev.jembed.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on standard error, redrawn in place with {@code \r} at most ten times a
 * second: {@code embed [##########----------]  512/1,379  37%  96/s  eta 9s}. A disabled bar prints
 * nothing, so callers need not care whether standard error is a terminal.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastDraw = Long.MIN_VALUE;
    private int lastLength;

    public ProgressBar(PrintStream err, String label, long total, boolean enabled) {
        this(err, label, total, enabled, System::nanoTime);
    }

    ProgressBar(PrintStream err, String label, long total, boolean enabled, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
    }

    /** Reports that {@code done} of the total items are finished; may be called from any thread. */
    public synchronized void update(long done) {
        if (!enabled) return;
        long now = clock.getAsLong();
        if (done < total && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) return;
        lastDraw = now;
        draw(render(label, done, total, now - startNanos));
    }

    /** Clears the bar, leaving the line empty for whatever is printed next. */
    public synchronized void finish() {
        if (!enabled || lastLength == 0) return;
        err.print("\r" + " ".repeat(lastLength) + "\r");
        err.flush();
        lastLength = 0;
    }

    private void draw(String line) {
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        err.print("\r" + line + pad);
        err.flush();
        lastLength = line.length();
    }

    /** The bar for {@code done} of {@code total} after {@code elapsedNanos}. */
    static String render(String label, long done, long total, long elapsedNanos) {
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        StringBuilder b = new StringBuilder(label)
                .append(" [")
                .append("#".repeat(filled))
                .append("-".repeat(WIDTH - filled))
                .append("] ")
                .append(String.format(Locale.ROOT, "%,d/%,d %3d%%", done, total, Math.round(fraction * 100)));
        double seconds = elapsedNanos / 1e9;
        if (seconds > 0.5 && done > 0) {
            double rate = done / seconds;
            b.append(String.format(Locale.ROOT, "  %,.0f/s", rate));
            if (done < total) b.append("  eta ").append(duration((total - done) / rate));
        }
        return b.toString();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        return s / 3600 + "h" + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + "m";
    }
}
