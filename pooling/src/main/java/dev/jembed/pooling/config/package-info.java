/**
 * Reading a sentence-transformers model folder (modules.json, sentence_bert_config.json, the
 * Pooling and Dense configs, config_sentence_transformers.json) into typed module descriptions;
 * every bad file is a {@link dev.jembed.pooling.config.ModelConfigException} naming file and field.
 */
package dev.jembed.pooling.config;
