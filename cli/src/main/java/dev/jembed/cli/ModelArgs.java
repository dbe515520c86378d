package dev.jembed.cli;

import dev.jembed.engine.WeightFormat;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;

/**
 * The model options every model-using command shares: {@code --model} (a folder or a Hugging Face
 * id, by default the embedded all-MiniLM-L6-v2), {@code --threads}, {@code --weights} and {@code --backend}.
 */
final class ModelArgs {
    /** The model used when {@code --model} is absent; embedded in jembed's model jar. */
    static final String DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2";

    static final String HELP = """
              --model M       a model folder, or a Hugging Face id org/name[@revision] looked up in the
                              Hugging Face cache and downloaded if missing (HF_HUB_OFFLINE=1 forbids it);
                              default: %s, embedded in jembed
              --threads N     encoder threads (default: all cores)
              --weights W     keep the Linear weights as f32 (default), bf16 (half the memory) or
                              int8 (a quarter; STS-B within 0.1 point of f32)
              --backend B     run the encoder on cpu (default), tornado (TornadoVM: a GPU or OpenCL
                              device; needs TORNADOVM_HOME) or auto (tornado if it works, else cpu)
            """.formatted(DEFAULT_MODEL);

    private ModelArgs() {}

    /** Adds {@code --model}, {@code --threads}, {@code --weights} and {@code --backend} to {@code parser}. */
    static ArgParser declare(ArgParser parser) {
        return parser.option("--model").option("--threads").option("--weights").option("--backend");
    }

    /** Loads the model the arguments name and prints its warnings (e.g. a pooling fallback) on standard error. */
    static SentenceTransformer load(Args args, Io io) {
        int threads = args.intValue("--threads", 0, 1);
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            io.err()
                    .println("jembed: warning: --threads " + threads + " is more than the " + cores
                            + " cores available to jembed;" + " the extra threads only compete for them");
        }
        SentenceTransformer model = load(args);
        for (String w : model.warnings()) io.err().println("jembed: warning: " + w);
        return model;
    }

    /** Loads the model the arguments name. */
    static SentenceTransformer load(Args args) {
        int threads = args.intValue("--threads", 0, 1);
        String weights = args.value("--weights", null);
        LoadOptions options = LoadOptions.defaults().withThreads(threads);
        if (weights != null) {
            try {
                options = options.withWeights(WeightFormat.parse(weights));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--weights: " + e.getMessage());
            }
        }
        String backend = args.value("--backend", null);
        if (backend != null) {
            if (!backend.matches("cpu|tornado|auto"))
                throw new UsageException("--backend must be cpu, tornado or auto, got '" + backend + "'");
            options = options.withBackend(backend);
        }
        return SentenceTransformer.load(args.value("--model", DEFAULT_MODEL), options);
    }
}
