package dev.jembed.cli;

import dev.jembed.pooling.ModelInfo;
import dev.jembed.pooling.SentenceTransformer;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code jembed info}: what a model is (architecture, dimensions, pooling, normalization, maximum
 * length, similarity function, prompts) and how jembed runs it (kernels, threads, backend, JDK).
 */
final class InfoCommand implements Command {

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String summary() {
        return "describe a model and the runtime (kernels, threads, backend, JDK)";
    }

    @Override
    public String help() {
        return """
                usage: jembed info [options]

                Describes the model (architecture, dimensions, pooling, normalization, maximum
                sequence length, similarity function, prompts) and the runtime jembed uses for it
                (Vector API kernels, threads, backend and device, JDK).

                options:
                """ + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return ModelArgs.declare(new ArgParser(name()));
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        ModelInfo info;
        // the model's warnings are part of the description, not printed apart
        try (SentenceTransformer model = ModelArgs.load(args)) {
            info = model.info();
        }
        Writer out = io.textOut();
        for (String[] row : rows(info)) out.append(String.format("%-20s %s%n", row[0] + ":", row[1]));
        out.flush();
        return 0;
    }

    /** The lines printed, as (label, value) pairs. */
    static List<String[]> rows(ModelInfo i) {
        List<String[]> r = new ArrayList<>();
        r.add(new String[] {"model", i.source()});
        r.add(new String[] {"folder", i.folder().toString()});
        r.add(new String[] {
            "architecture",
            i.architecture() + ", " + i.layers() + " layers, hidden size " + i.hiddenSize() + ", " + i.heads()
                    + " heads, vocabulary " + i.vocabSize()
        });
        r.add(new String[] {
            "dimensions",
            i.outputDimension() == i.dimension()
                    ? Integer.toString(i.dimension())
                    : i.outputDimension() + " (truncated from " + i.dimension() + ")"
        });
        r.add(new String[] {"pooling", i.pooling()});
        r.add(new String[] {"normalized", i.normalized() ? "yes (Normalize module)" : "no"});
        r.add(new String[] {"max length", i.maxSeqLength() + " tokens" + (i.doLowerCase() ? ", lowercased input" : "")
        });
        r.add(new String[] {"similarity", i.similarity()});
        r.add(new String[] {"modules", String.join(" -> ", i.modules())});
        // sentence-transformers lists empty "query" and "document" prompts for every model; only real ones say
        // something
        if (i.prompts().values().stream().anyMatch(p -> !p.isEmpty())) {
            StringBuilder p = new StringBuilder();
            for (Map.Entry<String, String> e : i.prompts().entrySet()) {
                if (e.getValue().isEmpty()) continue;
                if (!p.isEmpty()) p.append(", ");
                p.append(e.getKey()).append('=').append(JsonText.string(e.getValue()));
            }
            if (i.defaultPromptName() != null)
                p.append(" (default: ").append(i.defaultPromptName()).append(')');
            r.add(new String[] {"prompts", p.toString()});
        }
        for (String w : i.warnings()) r.add(new String[] {"note", w});
        r.add(new String[] {"kernels", i.kernels()});
        r.add(new String[] {
            "threads", i.threads() + " (of " + Runtime.getRuntime().availableProcessors() + " cores)"
        });
        r.add(new String[] {"weights", i.weights()});
        r.add(new String[] {"backend", i.backend()});
        r.add(new String[] {
            "jdk",
            System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor")
                    + ", " + System.getProperty("os.arch") + ")"
        });
        return r;
    }
}
