package dev.jembed.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jembed.pooling.EncodeOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TEI routes, their defaults, limits and error answers, over HTTP. */
class TeiRoutesTest {
    private static ServeFixture serve;
    private static final String LONG = "word ".repeat(300);

    @BeforeAll
    static void start() throws Exception {
        serve = new ServeFixture(ServeFixture.config().withLimits(16384, 4, 512));
    }

    @AfterAll
    static void stop() {
        if (serve != null) serve.close();
    }

    private static float[][] vectors(ServeFixture.Reply r) {
        assertEquals(200, r.status(), r.body());
        JsonNode array = r.json();
        float[][] v = new float[array.size()][];
        for (int i = 0; i < v.length; i++) v[i] = ServeFixture.floats(array.get(i));
        return v;
    }

    private static void assertError(ServeFixture.Reply r, int status, String type, String messagePart) {
        assertEquals(status, r.status(), r.body());
        JsonNode json = r.json();
        assertEquals(type, json.get("error_type").asText(), r.body());
        assertTrue(json.get("error").asText().contains(messagePart), r.body());
    }

    @Test
    void embedIsEncodeForOneTextOrMany() {
        assertArrayEquals(serve.model.encode("hello"), vectors(serve.post("/embed", "{\"inputs\":\"hello\"}"))[0]);
        List<String> texts = List.of("a first sentence", "and a second, somewhat longer sentence than the first");
        float[][] expected = serve.model.encode(texts);
        float[][] got = vectors(serve.post(
                "/embed",
                "{\"inputs\":[\"a first sentence\",\"and a second, somewhat longer sentence than the first\"]}"));
        assertArrayEquals(expected[0], got[0]);
        assertArrayEquals(expected[1], got[1]);
    }

    @Test
    void normalizeFalseAndDimensions() {
        float[] raw = vectors(serve.post("/embed", "{\"inputs\":\"hello\",\"normalize\":false}"))[0];
        assertArrayEquals(
                serve.model.encode(List.of("hello"), EncodeOptions.defaults().withNormalize(false))
                        .floats()[0],
                raw);
        double norm = 0;
        for (float f : raw) norm += f * f;
        assertNotEquals(1.0, norm, 1e-3);
        float[] cut = vectors(serve.post("/embed", "{\"inputs\":\"hello\",\"dimensions\":128}"))[0];
        assertArrayEquals(
                serve.model.encode(
                                List.of("hello"),
                                EncodeOptions.defaults().withTruncateDim(128).withNormalize(true))
                        .floats()[0],
                cut);
        assertError(serve.post("/embed", "{\"inputs\":\"hello\",\"dimensions\":385}"), 422, "Validation", "384");
        assertError(serve.post("/embed", "{\"inputs\":\"hello\",\"dimensions\":0}"), 422, "Validation", "positive");
    }

    @Test
    void truncation() {
        // auto-truncate is on by default: cut at the end, as encode does
        assertArrayEquals(serve.model.encode(LONG), vectors(serve.post("/embed", "{\"inputs\":\"" + LONG + "\"}"))[0]);
        assertError(
                serve.post("/embed", "{\"inputs\":\"" + LONG + "\",\"truncate\":false}"),
                422,
                "Validation",
                "at most 256 tokens. Given: 302");
        String mixed = "start ".repeat(200) + "finish ".repeat(200);
        float[] right = vectors(serve.post("/embed", "{\"inputs\":\"" + mixed + "\"}"))[0];
        float[] left =
                vectors(serve.post("/embed", "{\"inputs\":\"" + mixed + "\",\"truncation_direction\":\"Left\"}"))[0];
        assertArrayEquals(serve.model.encode(mixed), right);
        assertFalse(java.util.Arrays.equals(right, left));
        // [CLS] + the last 254 tokens + [SEP]
        assertArrayEquals(
                serve.model.encode("start ".repeat(54) + "finish ".repeat(200)), left, "left truncation keeps the end");
    }

    @Test
    void limitsOnTheNumberOfInputs() {
        assertError(
                serve.post("/embed", "{\"inputs\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"),
                413,
                "Validation",
                "batch size 5 > maximum allowed batch size 4");
        assertError(serve.post("/embed", "{\"inputs\":[]}"), 400, "Empty", "cannot be empty");
        assertError(serve.post("/embed", "{\"inputs\":\"\"}"), 400, "Empty", "cannot be empty");
        assertError(serve.post("/embed", "{\"inputs\":[\"a\", 3]}"), 400, "Validation", "inputs[1]");
        assertError(serve.post("/embed", "{\"input\":\"a\"}"), 400, "Validation", "missing field `inputs`");
        assertError(
                serve.post("/embed", "{\"inputs\":\"a\",\"prompt_name\":\"nope\"}"),
                422,
                "Validation",
                "prompt name 'nope' not found");
    }

    @Test
    void similarityScoresEachSentenceAgainstTheSource() {
        ServeFixture.Reply r = serve.post("/similarity", """
                {"inputs": {"source_sentence": "How many people live in London?",
                            "sentences": ["Around 9 Million people live in London", "London is known for its financial district"]}}""");
        assertEquals(200, r.status(), r.body());
        float[][] v = serve.model.encode(List.of(
                "How many people live in London?",
                "Around 9 Million people live in London",
                "London is known for its financial district"));
        float[] scores = ServeFixture.floats(r.json());
        assertEquals(2, scores.length);
        assertEquals(serve.model.similarity(v[0], v[1]), scores[0]);
        assertEquals(serve.model.similarity(v[0], v[2]), scores[1]);
        assertError(
                serve.post("/similarity", "{\"inputs\":{\"source_sentence\":\"a\",\"sentences\":[]}}"),
                400,
                "Empty",
                "sentences");
        assertError(serve.post("/similarity", "{\"inputs\":\"a\"}"), 400, "Validation", "must be an object");
    }

    @Test
    void tokenizeGivesIdsTextsAndByteOffsets() {
        ServeFixture.Reply r = serve.post("/tokenize", "{\"inputs\":\"Hello, wörld!\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode tokens = r.json().get(0);
        List<Integer> ids = new ArrayList<>();
        for (JsonNode t : tokens) ids.add(t.get("id").asInt());
        assertEquals(List.of(101, 7592, 1010, 2088, 999, 102), ids);
        assertTrue(tokens.get(0).get("special").asBoolean());
        assertTrue(tokens.get(0).get("start").isNull());
        JsonNode world = tokens.get(3);
        assertEquals("wörld", world.get("text").asText());
        assertEquals(7, world.get("start").asInt());
        assertEquals(13, world.get("stop").asInt(), "ö is two bytes in UTF-8");
        JsonNode plain = serve.post("/tokenize", "{\"inputs\":[\"a\",\"b c\"],\"add_special_tokens\":false}")
                .json();
        assertEquals(2, plain.size());
        assertEquals(2, plain.get(1).size());
    }

    @Test
    void infoHealthMetricsAndUnknownRoutes() {
        JsonNode info = serve.get("/info").json();
        assertEquals(ServeFixture.MODEL, info.get("model_id").asText());
        assertEquals(384, info.get("dimension").asInt());
        assertEquals(256, info.get("max_input_length").asInt());
        assertEquals(16384, info.get("max_batch_tokens").asInt());
        assertEquals(4, info.get("max_client_batch_size").asInt());
        assertEquals("test", info.get("version").asText());
        assertEquals(
                "mean", info.get("model_type").get("embedding").get("pooling").asText());
        assertEquals(200, serve.get("/health").status());
        serve.post("/embed", "{\"inputs\":[\"counted\",\"twice\"]}");
        String metrics = serve.get("/metrics").body();
        for (String name : List.of(
                "jembed_request_count{route=\"/embed\",status=\"200\"}",
                "jembed_request_duration_seconds_bucket",
                "jembed_queue_duration_seconds_count",
                "jembed_batch_size_bucket",
                "jembed_batch_tokens_sum",
                "jembed_inputs_embedded_total")) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics);
        }
        assertError(serve.get("/nope"), 404, "NotFound", "/nope");
        assertError(serve.get("/embed"), 405, "Validation", "use POST");
        assertError(serve.post("/info", "{}"), 405, "Validation", "use GET");
    }
}
