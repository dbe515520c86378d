/**
 * The encoders, one Java class per Hugging Face {@code transformers} module, named as Hugging Face
 * names it, so a reader who knows {@code modeling_bert.py} finds each module's twin by its name:
 *
 * <table>
 * <caption>Hugging Face module to Java class</caption>
 * <tr><th>Hugging Face module</th><th>weights under</th><th>Java class</th></tr>
 * <tr><td>{@code BertModel}</td><td>the root (or {@code bert.})</td><td>{@link dev.jembed.engine.model.BertModel}</td></tr>
 * <tr><td>{@code BertEmbeddings}</td><td>{@code embeddings}</td><td>{@link dev.jembed.engine.model.BertEmbeddings}</td></tr>
 * <tr><td>{@code BertEncoder}</td><td>{@code encoder}</td><td>{@link dev.jembed.engine.model.BertEncoder}</td></tr>
 * <tr><td>{@code BertLayer}</td><td>{@code encoder.layer.N}</td><td>{@link dev.jembed.engine.model.BertLayer}</td></tr>
 * <tr><td>{@code BertAttention}</td><td>{@code ….attention}</td><td>{@link dev.jembed.engine.model.BertAttention}</td></tr>
 * <tr><td>{@code BertSelfAttention}</td><td>{@code ….attention.self}</td><td>{@link dev.jembed.engine.model.BertSelfAttention}</td></tr>
 * <tr><td>{@code BertSelfOutput}</td><td>{@code ….attention.output}</td><td>{@link dev.jembed.engine.model.BertSelfOutput}</td></tr>
 * <tr><td>{@code BertIntermediate}</td><td>{@code ….intermediate}</td><td>{@link dev.jembed.engine.model.BertIntermediate}</td></tr>
 * <tr><td>{@code BertOutput}</td><td>{@code ….output}</td><td>{@link dev.jembed.engine.model.BertOutput}</td></tr>
 * <tr><td>{@code BertPooler}</td><td>{@code pooler}</td><td>{@link dev.jembed.engine.model.BertPooler}</td></tr>
 * <tr><td>{@code RobertaModel}, {@code XLMRobertaModel}</td><td>the root (or {@code roberta.})</td><td>{@link dev.jembed.engine.model.RobertaModel}</td></tr>
 * <tr><td>{@code RobertaEmbeddings}</td><td>{@code embeddings}</td><td>{@link dev.jembed.engine.model.RobertaEmbeddings}</td></tr>
 * <tr><td>{@code RobertaEncoder}, {@code RobertaLayer}, … (copies of BERT's)</td><td>{@code encoder}, …</td><td>{@link dev.jembed.engine.model.BertEncoder}, {@link dev.jembed.engine.model.BertLayer}, …</td></tr>
 * <tr><td>{@code RobertaPooler}</td><td>{@code pooler}</td><td>{@link dev.jembed.engine.model.BertPooler}</td></tr>
 * <tr><td>{@code DistilBertModel}</td><td>the root (or {@code distilbert.})</td><td>{@link dev.jembed.engine.model.DistilBertModel}</td></tr>
 * <tr><td>{@code Embeddings} (DistilBERT)</td><td>{@code embeddings}</td><td>{@link dev.jembed.engine.model.DistilBertEmbeddings}</td></tr>
 * <tr><td>{@code Transformer}</td><td>{@code transformer}</td><td>{@link dev.jembed.engine.model.Transformer}</td></tr>
 * <tr><td>{@code TransformerBlock}</td><td>{@code transformer.layer.N}</td><td>{@link dev.jembed.engine.model.TransformerBlock}</td></tr>
 * <tr><td>{@code MultiHeadSelfAttention}</td><td>{@code ….attention}</td><td>{@link dev.jembed.engine.model.MultiHeadSelfAttention}</td></tr>
 * <tr><td>{@code FFN}</td><td>{@code ….ffn}</td><td>{@link dev.jembed.engine.model.FFN}</td></tr>
 * <tr><td>{@code nn.Linear}</td><td>{@code query}, {@code dense}, {@code q_lin}, {@code lin1}, …</td><td>{@link dev.jembed.engine.model.Linear}</td></tr>
 * <tr><td>{@code nn.LayerNorm}</td><td>{@code LayerNorm}, {@code sa_layer_norm}, …</td><td>{@link dev.jembed.engine.model.LayerNorm}</td></tr>
 * </table>
 *
 * <p>Each module has a static {@code load(WeightPath p, …)} that reads its tensors below its own path
 * ({@link dev.jembed.engine.model.WeightPath}, like candle's {@code VarBuilder}: {@code p.pp("attention").pp("self")})
 * and a {@code forward} that reads top to bottom, with the shape of every buffer in a comment.
 * The rest is how they run: {@link dev.jembed.engine.model.EncoderModel} (validation, packing a batch
 * into chunks, closing), {@link dev.jembed.engine.model.RunState} (the reused scratch buffers),
 * {@link dev.jembed.engine.model.Compute} and {@link dev.jembed.engine.model.Parallel} (splitting each
 * step across the model's threads), and {@link dev.jembed.engine.model.Models}, the entry
 * {@code Encoders.load} calls.
 *
 * <p>How a batch runs: sequences are packed, never padded. Every dense layer runs once on all tokens
 * of a chunk stacked into one {@code [T, hidden]} matrix; attention runs per (sequence, head) over
 * that sequence's own rows, so no mask exists and a sequence's result cannot depend on its neighbours.
 * Not exported.
 */
package dev.jembed.engine.model;
