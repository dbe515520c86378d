/**
 * {@link dev.jembed.tools.safetensors.SafetensorsWriter}: writes safetensors files byte for byte as
 * Hugging Face's library does (used by the ONNX importer and by tests that build model files).
 */
package dev.jembed.tools.safetensors;
