/**
 * Token ids to hidden states: safetensors loading, Vector API kernels and the BERT, DistilBERT and
 * RoBERTa encoders of the sentence-transformers family.
 */
package dev.jembed.engine;
