package dev.jembed.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The option grammar of one subcommand: flags ({@code --json}) and options with a value
 * ({@code --model M} or {@code --model=M}); everything else is positional. {@code --} ends the
 * options (for texts that start with a dash) and a lone {@code -} is positional (standard input).
 * Every command understands {@code --help} / {@code -h} and {@code --debug}.
 */
final class ArgParser {
    private final String command;
    private final Map<String, Boolean> takesValue = new LinkedHashMap<>();

    public ArgParser(String command) {
        this.command = command;
        flag("--help");
        flag("--debug");
    }

    /** Declares a flag without a value. */
    public ArgParser flag(String name) {
        takesValue.put(name, false);
        return this;
    }

    /** Declares an option that takes one value. */
    public ArgParser option(String name) {
        takesValue.put(name, true);
        return this;
    }

    /**
     * Splits {@code args} into flags, option values and positionals.
     *
     * @throws UsageException for an unknown option, a missing value, a value given to a flag or an
     *                        option given twice
     */
    public Args parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                positionals.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.equals("-") || !a.startsWith("-")) {
                positionals.add(a);
                continue;
            }
            String name = a, inline = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                inline = a.substring(eq + 1);
            }
            if (name.equals("-h")) name = "--help";
            Boolean value = takesValue.get(name);
            if (value == null) {
                throw new UsageException("unknown option " + name + " for '" + command + "'"
                        + "; a text that starts with a dash goes after --");
            }
            if (!value) {
                if (inline != null) throw new UsageException("option " + name + " takes no value");
                flags.add(name);
                continue;
            }
            if (inline == null) {
                if (i + 1 >= args.size()) throw new UsageException("option " + name + " needs a value");
                inline = args.get(++i);
            }
            if (values.put(name, inline) != null) throw new UsageException("option " + name + " given twice");
        }
        return new Args(command, values, flags, positionals);
    }
}
