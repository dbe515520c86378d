package dev.jembed.springai;

import dev.jembed.pooling.EncodeOptions;
import dev.jembed.pooling.SentenceTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/**
 * A Spring AI {@link EmbeddingModel} backed by a jembed {@link SentenceTransformer}: the vectors
 * sentence-transformers computes, in pure Java. Each {@link #call} embeds its texts in padded,
 * length-sorted batches; the response's usage counts the input tokens the model read (prompt and
 * special tokens included). {@link #dimensions()} comes from the model's configuration, without
 * embedding a probe text. Thread-safe; {@link #close()} releases the model it was given.
 */
public final class JembedEmbeddingModel implements EmbeddingModel, AutoCloseable {
    private final SentenceTransformer model;
    private final String modelName;
    private final EncodeOptions options;

    /** Serves {@code model} under {@code modelName} with the default encode options; closing this closes {@code model}. */
    public JembedEmbeddingModel(SentenceTransformer model, String modelName) {
        this(model, modelName, EncodeOptions.defaults());
    }

    /** Serves {@code model} under {@code modelName}, encoding with {@code options}; closing this closes {@code model}. */
    public JembedEmbeddingModel(SentenceTransformer model, String modelName, EncodeOptions options) {
        this.model = Objects.requireNonNull(model, "model");
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        checkOptions(request.getOptions());
        List<String> texts = request.getInstructions();
        float[][] vectors = model.encode(texts, options).floats();
        List<Embedding> embeddings = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) embeddings.add(new Embedding(vectors[i], i));
        int tokens = 0;
        for (int n : model.tokenCounts(texts, options)) tokens += n;
        return new EmbeddingResponse(
                embeddings, new EmbeddingResponseMetadata(modelName, new DefaultUsage(tokens, 0, tokens)));
    }

    /** A request may name this model and its dimension, nothing else: one loaded model serves one of each. */
    private void checkOptions(EmbeddingOptions requested) {
        if (requested == null) return;
        if (requested.getModel() != null && !requested.getModel().equals(modelName)) {
            throw new IllegalArgumentException(
                    "this jembed EmbeddingModel serves " + modelName + ", not " + requested.getModel());
        }
        if (requested.getDimensions() != null && requested.getDimensions() != model.dimension()) {
            throw new IllegalArgumentException(
                    modelName + " embeds in " + model.dimension() + " dimensions, not " + requested.getDimensions());
        }
    }

    @Override
    public float[] embed(Document document) {
        return embed(getEmbeddingContent(document));
    }

    /** The embedding dimension, read from the model's configuration. */
    @Override
    public int dimensions() {
        return model.dimension();
    }

    /** The model id or folder this model serves. */
    public String modelName() {
        return modelName;
    }

    /** Releases the model's encoder and weights. */
    @Override
    public void close() {
        model.close();
    }
}
