/**
 * An encoder's hyper-parameters: {@link dev.jembed.engine.config.EncoderConfig}, read from a Hugging
 * Face {@code config.json} ({@link dev.jembed.engine.config.EncoderConfig#read(java.nio.file.Path)}),
 * and the {@link dev.jembed.engine.config.Architecture} that runs it. Exported because
 * {@code Encoder.config()} returns it and a {@code Backend} builds encoders from it; the JSON reader
 * behind {@code read} is package-private.
 */
package dev.jembed.engine.config;
