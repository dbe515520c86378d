package dev.jembed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgParserTest {
    private final ArgParser parser =
            new ArgParser("embed").option("--model").option("--top-k").flag("--json");

    private Args parse(String... args) {
        return parser.parse(List.of(args));
    }

    private String usageError(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void splitsFlagsOptionsAndPositionalsInAnyOrder() {
        Args a = parse("first", "--model", "m", "--json", "second", "--top-k=3");
        assertEquals("m", a.value("--model", null));
        assertEquals(3, a.intValue("--top-k", 10, 1));
        assertTrue(a.has("--json"));
        assertFalse(a.has("--debug"));
        assertEquals(List.of("first", "second"), a.positionals());
    }

    @Test
    void doubleDashEndsOptionsAndLoneDashIsPositional() {
        Args a = parse("-", "--", "--json", "-5 degrees");
        assertEquals(List.of("-", "--json", "-5 degrees"), a.positionals());
        assertFalse(a.has("--json"));
    }

    @Test
    void anOptionValueMayStartWithADash() {
        assertEquals("-x", parse("--model", "-x").value("--model", null));
        assertEquals("", parse("--model=").value("--model", null));
    }

    @Test
    void helpAndDebugAreUnderstoodEverywhere() {
        assertTrue(parse("-h").has("--help"));
        assertTrue(parse("--help").has("--help"));
        assertTrue(parse("--debug").has("--debug"));
    }

    @Test
    void defaultsApplyWhenAbsent() {
        Args a = parse();
        assertEquals(10, a.intValue("--top-k", 10, 1));
        assertEquals("d", a.value("--model", "d"));
        assertEquals("jsonl", a.choice("--format", "jsonl", List.of("jsonl", "npy")));
    }

    @Test
    void wrongCommandLinesAreUsageErrorsThatSayWhy() {
        assertEquals(
                "unknown option --bogus for 'embed'; a text that starts with a dash goes after --",
                usageError("--bogus"));
        assertEquals("unknown option -x for 'embed'; a text that starts with a dash goes after --", usageError("-x"));
        assertEquals("option --model needs a value", usageError("--model"));
        assertEquals("option --json takes no value", usageError("--json=yes"));
        assertEquals("option --model given twice", usageError("--model", "a", "--model=b"));
    }

    @Test
    void typedValuesAreChecked() {
        assertEquals(
                "option --top-k must be at least 1, got 0",
                assertThrows(UsageException.class, () -> parse("--top-k", "0").intValue("--top-k", 10, 1))
                        .getMessage());
        assertEquals(
                "option --top-k needs an integer, got \"three\"",
                assertThrows(
                                UsageException.class,
                                () -> parse("--top-k", "three").intValue("--top-k", 10, 1))
                        .getMessage());
        assertEquals(
                "option --model must be one of a, b, got \"c\"",
                assertThrows(
                                UsageException.class,
                                () -> parse("--model", "c").choice("--model", "a", List.of("a", "b")))
                        .getMessage());
        assertEquals("b", parse("--model", "B").choice("--model", "a", List.of("a", "b")));
    }
}
