package dev.jembed.pooling;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a loaded model is and where it came from: what {@code jembed info} shows
 * ({@link SentenceTransformer#info()}).
 *
 * @param source           where the model came from (id, commit, local/embedded/cache/download)
 * @param modelId          the Hugging Face id ({@code org/name}) it was loaded by, or null for a folder
 * @param commit           the hub commit of a cached or downloaded snapshot (the declared revision of
 *                         an embedded model), or null
 * @param folder           the model folder
 * @param architecture     BERT, DISTILBERT or ROBERTA
 * @param hiddenSize       the transformer's hidden size
 * @param layers           transformer layers
 * @param heads            attention heads
 * @param vocabSize        vocabulary size
 * @param dimension        embedding size the modules produce
 * @param outputDimension  embedding size after the model-wide truncate_dim
 * @param pooling          pooling modes as sentence-transformers names them, e.g. {@code mean}
 * @param modules          every module described, in order
 * @param normalized       true if a Normalize module is part of the pipeline
 * @param maxSeqLength     tokens per text, special tokens included
 * @param doLowerCase      inputs are lowercased before tokenizing
 * @param similarity       the similarity function's name
 * @param prompts          configured prompts (name to text)
 * @param defaultPromptName the prompt applied by default, or null
 * @param kernels          the engine kernels in use
 * @param threads          encoder threads
 * @param weights          the in-memory format of the Linear weights: {@code f32}, {@code bf16} or {@code int8}
 * @param backend          the engine backend and its device, e.g. {@code cpu (Vector API on 8 cores (amd64))}
 * @param warnings         notes about the folder (e.g. the mean-pooling fallback)
 */
public record ModelInfo(
        String source,
        String modelId,
        String commit,
        Path folder,
        String architecture,
        int hiddenSize,
        int layers,
        int heads,
        int vocabSize,
        int dimension,
        int outputDimension,
        String pooling,
        List<String> modules,
        boolean normalized,
        int maxSeqLength,
        boolean doLowerCase,
        String similarity,
        Map<String, String> prompts,
        String defaultPromptName,
        String kernels,
        int threads,
        String weights,
        String backend,
        List<String> warnings) {}
