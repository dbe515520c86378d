package dev.jembed.bench.compare;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The reference side of the comparison: all-MiniLM-L6-v2 as ONNX in ONNX Runtime, tokenized by
 * Hugging Face tokenizers (DJL), mean-pooled over the attention mask and L2-normalized — what
 * LangChain4j and Spring AI run.
 */
final class OrtEmbedder implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTypeIds;

    OrtEmbedder(Path onnx, Path tokenizerJson, int threads, int maxLength) throws OrtException, IOException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(onnx.toString(), options);
        needsTypeIds = session.getInputNames().contains("token_type_ids");
        tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(tokenizerJson)
                .optMaxLength(maxLength)
                .optTruncation(true)
                .optPadding(true)
                .build();
    }

    /** Normalized mean-pooled embeddings of {@code texts}, padded to the longest text of the batch. */
    float[][] embed(List<String> texts) throws OrtException {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int len = 0;
        for (Encoding e : encodings) len = Math.max(len, e.getIds().length);
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        long[] types = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            long[] eIds = encodings[b].getIds();
            long[] eMask = encodings[b].getAttentionMask();
            long[] eTypes = encodings[b].getTypeIds();
            System.arraycopy(eIds, 0, ids, b * len, eIds.length);
            System.arraycopy(eMask, 0, mask, b * len, eMask.length);
            System.arraycopy(eTypes, 0, types, b * len, eTypes.length);
        }
        long[] shape = {batch, len};
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor tMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OnnxTensor tTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = needsTypeIds
                    ? Map.of("input_ids", tIds, "attention_mask", tMask, "token_type_ids", tTypes)
                    : Map.of("input_ids", tIds, "attention_mask", tMask);
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[batch][];
                for (int b = 0; b < batch; b++) out[b] = meanPoolNormalize(hidden[b], mask, b * len, len);
                return out;
            }
        }
    }

    private static float[] meanPoolNormalize(float[][] hidden, long[] mask, int maskOff, int len) {
        int dim = hidden[0].length;
        float[] sum = new float[dim];
        int count = 0;
        for (int t = 0; t < len; t++) {
            if (mask[maskOff + t] == 0) continue;
            count++;
            for (int d = 0; d < dim; d++) sum[d] += hidden[t][d];
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            sum[d] /= Math.max(count, 1);
            norm += (double) sum[d] * sum[d];
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int d = 0; d < dim; d++) sum[d] *= inv;
        return sum;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
