package dev.jembed.engine.config;

import dev.jembed.engine.ModelFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The hyper-parameters of one encoder, as read from its {@code config.json} by {@link #read(Path)}
 * (DistilBERT's {@code dim}, {@code n_layers}, ... are mapped onto the BERT names). The models
 * receive this record and never parse JSON themselves.
 *
 * @param architecture          which forward pass runs the weights
 * @param vocabSize             rows of the word embedding table
 * @param hiddenSize            width of every hidden state ({@code dim} for DistilBERT)
 * @param numHiddenLayers       transformer layers ({@code n_layers})
 * @param numAttentionHeads     heads per attention layer ({@code n_heads}); divides {@code hiddenSize}
 * @param intermediateSize      width of the feed-forward layer ({@code hidden_dim})
 * @param hiddenAct             the feed-forward activation ({@code hidden_act} / {@code activation})
 * @param layerNormEps          LayerNorm epsilon (DistilBERT: always 1e-12)
 * @param maxPositionEmbeddings rows of the position embedding table
 * @param typeVocabSize         rows of the token type table; 0 for DistilBERT, which has none
 * @param padTokenId            the padding token; RoBERTa numbers positions from it
 */
public record EncoderConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        HiddenAct hiddenAct,
        double layerNormEps,
        int maxPositionEmbeddings,
        int typeVocabSize,
        int padTokenId) {

    /** DistilBERT's LayerNorms are built with {@code eps=1e-12} whatever the config says. */
    public static final double DISTILBERT_LAYER_NORM_EPS = 1e-12;

    /** @throws IllegalArgumentException if a value is out of range or the sizes disagree */
    public EncoderConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(hiddenAct, "hiddenAct");
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("numHiddenLayers", numHiddenLayers);
        positive("numAttentionHeads", numAttentionHeads);
        positive("intermediateSize", intermediateSize);
        positive("maxPositionEmbeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException(
                    "hiddenSize " + hiddenSize + " is not a multiple of numAttentionHeads " + numAttentionHeads);
        }
        if (!(layerNormEps > 0) || Double.isInfinite(layerNormEps) || (float) layerNormEps == 0f) {
            throw new IllegalArgumentException("layerNormEps must be a positive float, got " + layerNormEps);
        }
        if (architecture == Architecture.DISTILBERT) {
            if (typeVocabSize != 0) {
                throw new IllegalArgumentException("DistilBERT has no token types, typeVocabSize must be 0");
            }
        } else {
            positive("typeVocabSize", typeVocabSize);
        }
        if (padTokenId < 0 || padTokenId >= vocabSize) {
            throw new IllegalArgumentException(
                    "padTokenId " + padTokenId + " outside the vocabulary [0, " + vocabSize + ")");
        }
        if (architecture == Architecture.ROBERTA && maxPositionEmbeddings <= padTokenId + 1) {
            throw new IllegalArgumentException("RoBERTa positions start at padTokenId + 1 = " + (padTokenId + 1)
                    + ", maxPositionEmbeddings " + maxPositionEmbeddings + " leaves no room");
        }
    }

    /**
     * Reads a Hugging Face {@code config.json}: strict, every field the encoder needs type- and
     * range-checked, the others skipped.
     *
     * @throws ModelFileException naming the file and the field (a JSON Pointer) if it is missing,
     *                            malformed, too large or describes a model jembed does not run
     */
    public static EncoderConfig read(Path configJson) {
        return ConfigJson.read(configJson);
    }

    /**
     * Parses {@code config.json} content as {@link #read(Path)} does; {@code file} only names the
     * source in error messages.
     */
    public static EncoderConfig parse(byte[] json, Path file) {
        return ConfigJson.parse(json, file);
    }

    private static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, got " + value);
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /**
     * The longest input, in tokens, that has a learned position: {@code maxPositionEmbeddings}, or
     * for RoBERTa {@code maxPositionEmbeddings - padTokenId - 1} since its positions start after the
     * padding index.
     */
    public int maxSequenceLength() {
        return architecture == Architecture.ROBERTA ? maxPositionEmbeddings - padTokenId - 1 : maxPositionEmbeddings;
    }
}
