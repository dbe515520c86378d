package dev.jembed.cli;

import dev.jembed.pooling.SentenceTransformer;
import dev.jembed.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jembed tokenize}: the token ids of each text, one JSON array per line. With a model, the
 * ids are the ones the model sees (stripped, lowercased if configured, truncated to its
 * max_seq_length); with {@code --tokenizer}, the tokenizer file's truncation applies (its padding,
 * meant for batches, does not).
 */
final class TokenizeCommand implements Command {

    @Override
    public String name() {
        return "tokenize";
    }

    @Override
    public String summary() {
        return "print the token ids of each text (one JSON array per line)";
    }

    @Override
    public String help() {
        return """
                usage: jembed tokenize [options] [TEXT...]

                Prints the token ids of each text, one JSON array per line: the texts given as
                arguments, else one text per line of --input (or standard input).

                options:
                  --input FILE      read texts from FILE, one per line (- for standard input)
                  --tokenizer FILE  use this tokenizer.json (or a folder holding a tokenizer) instead of
                                    a model's; its own truncation setting applies, padding does not
                """ + ModelArgs.HELP;
    }

    @Override
    public ArgParser parser() {
        return ModelArgs.declare(new ArgParser(name())).option("--input").option("--tokenizer");
    }

    @Override
    public int run(Args args, Io io) throws Exception {
        var tokenizerFile = args.value("--tokenizer");
        if (tokenizerFile.isPresent() && args.value("--model").isPresent()) {
            throw new UsageException("give either --model or --tokenizer, not both");
        }
        List<String> texts = TextInput.texts(args, io);
        int[][] ids;
        if (tokenizerFile.isPresent()) {
            // padding only matters for batches; an id list per text is what a reader wants
            Tokenizer tokenizer = load(Path.of(tokenizerFile.get())).withoutPadding();
            ids = new int[texts.size()][];
            for (int i = 0; i < ids.length; i++)
                ids[i] = tokenizer.encode(texts.get(i)).ids();
        } else {
            try (SentenceTransformer model = ModelArgs.load(args, io)) {
                ids = model.tokenize(texts);
            }
        }
        Writer out = io.textOut();
        StringBuilder line = new StringBuilder();
        for (int[] row : ids) {
            line.setLength(0);
            line.append('[');
            for (int j = 0; j < row.length; j++) {
                if (j > 0) line.append(", ");
                line.append(row[j]);
            }
            out.append(line.append("]\n"));
        }
        out.flush();
        return 0;
    }

    private static Tokenizer load(Path path) throws IOException {
        if (Files.isDirectory(path)) return Tokenizer.fromDirectory(path);
        if (!Files.exists(path)) throw new NoSuchFileException(path.toString());
        return Tokenizer.fromFile(path);
    }
}
