package dev.jembed.langchain4j;

import dev.jembed.engine.WeightFormat;
import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.LoadOptions;
import dev.jembed.pooling.SentenceTransformer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link EmbeddingModel} backed by a jembed {@link SentenceTransformer}: the vectors
 * sentence-transformers computes, in pure Java.
 *
 * <pre>{@code
 * try (JembedEmbeddingModel model = JembedEmbeddingModel.builder().modelId("sentence-transformers/all-MiniLM-L6-v2").build()) {
 *     Embedding e = model.embed("How many people live in London?").content();
 * }
 * }</pre>
 *
 * <p>{@link #embedAll} embeds the whole list in one call: the texts are sorted by length and run in
 * padded batches of {@link Builder#batchSize}; a text's vector does not depend on the batch. The
 * response's {@link TokenUsage} counts the input tokens the model read (prompt and special tokens
 * included, after truncation). {@link #dimension()} comes from the model's configuration, without
 * embedding anything. Thread-safe; {@link #close()} releases the model.
 */
public final class JembedEmbeddingModel implements EmbeddingModel, AutoCloseable {
    private final SentenceTransformer model;
    private final String modelName;
    private final EncodeOptions options;

    private JembedEmbeddingModel(SentenceTransformer model, String modelName, EncodeOptions options) {
        this.model = model;
        this.modelName = modelName;
        this.options = options;
    }

    /** A builder; without a model id or folder it loads sentence-transformers/all-MiniLM-L6-v2. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        Objects.requireNonNull(segments, "segments");
        List<String> texts = new ArrayList<>(segments.size());
        for (TextSegment s : segments)
            texts.add(Objects.requireNonNull(s, "segments contains null").text());
        float[][] vectors = model.encode(texts, options).floats();
        List<Embedding> embeddings = new ArrayList<>(vectors.length);
        for (float[] v : vectors) embeddings.add(Embedding.from(v));
        int tokens = 0;
        for (int n : model.tokenCounts(texts, options)) tokens += n;
        return Response.from(embeddings, new TokenUsage(tokens));
    }

    /** The embedding dimension, read from the model's configuration. */
    @Override
    public int dimension() {
        return model.dimension();
    }

    /** The model id or folder this model was loaded from. */
    @Override
    public String modelName() {
        return modelName;
    }

    /** The jembed model underneath, e.g. for its tokenizer or similarity function. */
    public SentenceTransformer sentenceTransformer() {
        return model;
    }

    /** Releases the model's encoder and weights. */
    @Override
    public void close() {
        model.close();
    }

    /** Settings of a {@link JembedEmbeddingModel}; {@link #build()} loads the model. */
    public static final class Builder {
        private String modelId = "sentence-transformers/all-MiniLM-L6-v2";
        private Path folder;
        private int threads;
        private WeightFormat weights;
        private String prompt;
        private int batchSize = 32;

        private Builder() {}

        /** A Hugging Face id {@code org/name[@revision]}: embedded in a jembed model jar, in the Hugging Face cache, or downloaded. */
        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            this.folder = null;
            return this;
        }

        /** A sentence-transformers model folder on disk (instead of an id). */
        public Builder modelFolder(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /** Encoder threads; 0 (the default) uses every core. */
        public Builder threads(int threads) {
            if (threads < 0) throw new IllegalArgumentException("threads must not be negative, got " + threads);
            this.threads = threads;
            return this;
        }

        /** How the Linear weights are held: f32 (default), bf16 or int8. */
        public Builder weights(WeightFormat weights) {
            this.weights = weights;
            return this;
        }

        /** Text prepended to every input (e.g. "query: "); null keeps the model's default prompt. */
        public Builder prompt(String prompt) {
            this.prompt = prompt;
            return this;
        }

        /** Texts per forward pass (default 32). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Loads the model. */
        public JembedEmbeddingModel build() {
            LoadOptions load = LoadOptions.defaults().withThreads(threads);
            if (weights != null) load = load.withWeights(weights);
            SentenceTransformer model =
                    folder != null ? SentenceTransformer.load(folder, load) : SentenceTransformer.load(modelId, load);
            EncodeOptions options =
                    EncodeOptions.defaults().withBatchSize(batchSize).withPrompt(prompt);
            return new JembedEmbeddingModel(model, folder != null ? folder.toString() : modelId, options);
        }
    }
}
