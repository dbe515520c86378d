package dev.jembed.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.jembed.pooling.EncodeOptions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK as the client of {@code /v1/embeddings}: float and base64 answers
 * carry exactly the vectors {@code SentenceTransformer.encode} computes, and errors map to the
 * SDK's typed exceptions.
 */
@Tag("slow")
class OpenAiClientTest {
    private static final String KEY = "test-key";
    private static ServeFixture serve;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        serve = new ServeFixture(ServeFixture.config().withApiKey(KEY));
        client = OpenAIOkHttpClient.builder()
                .baseUrl(serve.url + "/v1")
                .apiKey(KEY)
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (serve != null) serve.close();
    }

    private static float[] floats(List<Float> list) {
        float[] v = new float[list.size()];
        for (int i = 0; i < v.length; i++) v[i] = list.get(i);
        return v;
    }

    @Test
    void floatAndBase64AnswersAreEncodesVectors() {
        List<String> texts =
                List.of("hello", "How many people live in London?", "Around 9 Million people live in London");
        float[][] expected = serve.model.encode(texts);
        for (var format :
                List.of(EmbeddingCreateParams.EncodingFormat.FLOAT, EmbeddingCreateParams.EncodingFormat.BASE64)) {
            CreateEmbeddingResponse r = client.embeddings()
                    .create(EmbeddingCreateParams.builder()
                            .inputOfArrayOfStrings(texts)
                            .model("x")
                            .encodingFormat(format)
                            .build());
            assertEquals(texts.size(), r.data().size());
            for (int i = 0; i < texts.size(); i++) {
                var e = r.data().get(i);
                assertEquals(i, e.index());
                assertEquals(
                        format == EmbeddingCreateParams.EncodingFormat.BASE64,
                        e.embeddingValue().isBase64(),
                        format.asString());
                assertArrayEquals(expected[i], floats(e.embedding()), format.asString() + " " + texts.get(i));
            }
            assertEquals(ServeFixture.MODEL, r.model());
            int tokens = 0;
            for (int[] ids : serve.model.tokenize(texts)) tokens += ids.length;
            assertEquals(tokens, r.usage().promptTokens());
            assertEquals(tokens, r.usage().totalTokens());
        }
    }

    @Test
    void oneStringAndTheSdksDefaultFormat() {
        CreateEmbeddingResponse r = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .input("hello")
                        .model("x")
                        .build());
        assertEquals(384, r.data().getFirst().embedding().size());
        assertArrayEquals(
                serve.model.encode("hello"), floats(r.data().getFirst().embedding()));
    }

    @Test
    void dimensionsTruncateAndRenormalizeAsSentenceTransformers() {
        String text = "Matryoshka embeddings keep their meaning when cut";
        CreateEmbeddingResponse r = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .input(text)
                        .model("x")
                        .dimensions(64)
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());
        float[] expected = serve.model.encode(
                        List.of(text),
                        EncodeOptions.defaults().withTruncateDim(64).withNormalize(true))
                .floats()[0];
        float[] got = floats(r.data().getFirst().embedding());
        assertArrayEquals(expected, got);
        double norm = 0;
        for (float f : got) norm += f * f;
        assertEquals(1.0, norm, 1e-5);
    }

    @Test
    void tokenIdArraysAreTheModelsIds() {
        int[] ids = serve.model.tokenize(List.of("hello world"))[0];
        List<Long> asLongs =
                java.util.Arrays.stream(ids).mapToObj(i -> (long) i).toList();
        CreateEmbeddingResponse r = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .inputOfArrayOfTokenArrays(List.of(asLongs))
                        .model("x")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());
        assertArrayEquals(
                serve.model.encode("hello world"), floats(r.data().getFirst().embedding()));
    }

    @Test
    void errorsAreTheSdksTypedExceptions() {
        var bad = assertThrows(
                BadRequestException.class,
                () -> client.embeddings()
                        .create(EmbeddingCreateParams.builder()
                                .inputOfArrayOfStrings(List.of())
                                .model("x")
                                .build()));
        assertTrue(bad.getMessage().contains("cannot be empty"), bad.getMessage());
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder()
                .baseUrl(serve.url + "/v1")
                .apiKey("nope")
                .maxRetries(0)
                .build();
        try {
            assertThrows(
                    UnauthorizedException.class,
                    () -> wrongKey.embeddings()
                            .create(EmbeddingCreateParams.builder()
                                    .input("hello")
                                    .model("x")
                                    .build()));
        } finally {
            wrongKey.close();
        }
    }
}
