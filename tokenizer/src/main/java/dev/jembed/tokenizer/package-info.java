/**
 * Text to token ids: WordPiece and byte-level BPE tokenizers that reproduce Hugging Face
 * {@code tokenizers} exactly, loaded from {@code tokenizer.json} or from legacy vocabulary files.
 */
package dev.jembed.tokenizer;
