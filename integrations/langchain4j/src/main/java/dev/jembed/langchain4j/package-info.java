/**
 * jembed for LangChain4j: {@link dev.jembed.langchain4j.JembedEmbeddingModel} is a
 * {@code dev.langchain4j.model.embedding.EmbeddingModel} computed in pure Java, without ONNX
 * Runtime or any native library.
 *
 * <p>Modules: this jar has no {@code module-info}, because langchain4j-core is neither a module nor
 * names one (its automatic-module name would come from its file name and change with it). Its
 * manifest names it {@code dev.jembed.langchain4j} for applications on the module path.
 */
package dev.jembed.langchain4j;
