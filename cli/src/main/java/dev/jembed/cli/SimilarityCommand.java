package dev.jembed.cli;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code jembed similarity}: the model's similarity (cosine for most models) of two texts, or of
 * each pair of a tab-separated file, printed with four decimals, one score per line.
 */
final class SimilarityCommand implements Command {

    @Override
    public String name() {
        return "similarity";
    }

    @Override
    public String summary() {
        return "score two texts, or each pair of a TSV file, by the model's similarity";
    }

    @Override
    public String help() {
        return """
                usage: jembed similarity [options] TEXT_A TEXT_B
                       jembed similarity [options] --pairs FILE.tsv

                Prints the similarity of two texts by the model's similarity function (cosine unless
                the model names another), with four decimals. With --pairs, each line of FILE holds
                two texts separated by a tab, and one score per line is printed, in order.

                options:
                  --pairs FILE    score each TEXT_A<tab>TEXT_B line of FILE (- for standard input)
                """ + EncodeArgs.HELP + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return EncodeArgs.declare(ModelArgs.declare(new ArgParser(name()))).option("--pairs");
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        List<String> a = new ArrayList<>(), b = new ArrayList<>();
        var pairs = args.value("--pairs");
        if (pairs.isPresent()) {
            if (!args.positionals().isEmpty()) throw new UsageException("give either --pairs or two texts, not both");
            List<String> lines = TextInput.lines(pairs.get(), io);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int tab = line.indexOf('\t');
                if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
                    throw new CommandException(
                            pairs.get() + ": line " + (i + 1) + " must hold two texts separated by one tab, found "
                                    + (tab < 0 ? "no tab" : "more than one tab"));
                }
                a.add(line.substring(0, tab));
                b.add(line.substring(tab + 1));
            }
        } else {
            int n = args.positionals().size();
            if (n != 2) {
                throw new UsageException("similarity needs two texts (or --pairs FILE), got " + n
                        + (n == 1 ? " argument" : " arguments"));
            }
            a.add(args.positionals().get(0));
            b.add(args.positionals().get(1));
        }
        int batchSize = EncodeArgs.batchSize(args);

        try (SentenceTransformer model = ModelArgs.load(args, io)) {
            List<String> texts = new ArrayList<>(a);
            texts.addAll(b);
            ProgressBar bar = EncodeArgs.progressBar(args, io, "similarity", texts.size());
            float[][] vectors;
            try {
                vectors = model.encode(
                                texts,
                                EncodeOptions.defaults()
                                        .withBatchSize(batchSize)
                                        .withProgress((done, total) -> bar.update(done)))
                        .floats();
            } finally {
                bar.finish();
            }
            int n = a.size();
            float[][] left = new float[n][], right = new float[n][];
            System.arraycopy(vectors, 0, left, 0, n);
            System.arraycopy(vectors, n, right, 0, n);
            float[] scores = model.similarityPairwise(left, right);
            Writer out = io.textOut();
            for (float s : scores) out.append(format(s)).append('\n');
            out.flush();
        }
        return 0;
    }

    /** A score with four decimals, as printed. */
    static String format(float score) {
        return String.format(Locale.ROOT, "%.4f", score);
    }
}
