/**
 * Reading a sentence-transformers model folder (modules.json, sentence_bert_config.json, the
 * Pooling and Dense configs, config_sentence_transformers.json) into typed module descriptions;
 * every bad file is a {@link dev.jembed.pooling.ModelConfigException} naming file and field. Not
 * exported: {@code SentenceTransformer} reads the folder, {@code ModelInfo} describes it to users.
 */
package dev.jembed.pooling.config;
