package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void rendersCountPercentRateAndEta() {
        assertEquals("embed [------------------------] 0/1,379   0%", ProgressBar.render("embed", 0, 1379, 0));
        assertEquals(
                "embed [############------------] 500/1,000  50%  100/s  eta 5s",
                ProgressBar.render("embed", 500, 1000, 5_000_000_000L));
        assertEquals(
                "embed [########################] 1,000/1,000 100%  200/s",
                ProgressBar.render("embed", 1000, 1000, 5_000_000_000L));
        assertEquals(
                "embed [#-----------------------] 100/3,000   3%  1/s  eta 48m20s",
                ProgressBar.render("embed", 100, 3000, 100_000_000_000L));
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecondAndClearsAtTheEnd() {
        var bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        var bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "x", 4, true, now::get);
        bar.update(1);
        now.addAndGet(10_000_000);
        bar.update(2); // too soon: skipped
        now.addAndGet(200_000_000);
        bar.update(3);
        bar.update(4); // the last one is always drawn
        bar.finish();
        String s = bytes.toString(StandardCharsets.UTF_8);
        String l1 = ProgressBar.render("x", 1, 4, 0);
        String l3 = ProgressBar.render("x", 3, 4, 210_000_000);
        String l4 = ProgressBar.render("x", 4, 4, 210_000_000);
        assertEquals("\r" + l1 + "\r" + l3 + "\r" + l4 + "\r" + " ".repeat(l4.length()) + "\r", s);
    }

    @Test
    void aDisabledBarPrintsNothing() {
        var bytes = new ByteArrayOutputStream();
        var bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "x", 4, false);
        bar.update(1);
        bar.update(4);
        bar.finish();
        assertEquals(0, bytes.size());
    }
}
