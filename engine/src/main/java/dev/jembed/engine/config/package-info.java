/**
 * An encoder's hyper-parameters: {@link dev.jembed.engine.config.EncoderConfig}, read from a Hugging
 * Face {@code config.json} ({@link dev.jembed.engine.config.EncoderConfig#read(java.nio.file.Path)}),
 * the {@link dev.jembed.engine.config.Architecture} that runs it and its feed-forward
 * {@link dev.jembed.engine.config.HiddenAct}. Exported because
 * {@code Encoder.config()} returns it and a {@code Backend} builds encoders from it; the JSON reader
 * behind {@code read} is package-private.
 */
package dev.jembed.engine.config;
