package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class EmbeddingsRequestTest {

    private final JsonProvider json = JsonProvider.provider();

    static final Route DEMO = new Route("demo/echo", "demo", true, null, null, "echo", new Price(1_000_000, 2_000_000, 0),
            1000, 0);
    static final Route REAL = new Route("p/m", "p", false, "http://x", null, "m", new Price(2_500_000, 10_000_000,
            1_250_000), 1000, 0);

    private EmbeddingsRequest parse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (EmbeddingsRequest) Endpoint.EMBEDDINGS.parse(bytes, bytes.length, json);
    }

    @Test
    void readsEveryShapeOfInputAndBoundsTheReservationByTheInputAlone() {
        EmbeddingsRequest one = parse("{\"model\":\"demo/echo\",\"input\":\"hello world\"}");
        assertEquals("demo/echo", one.model());
        assertEquals(List.of("hello world"), one.texts());
        assertEquals(3, one.maxInputTokens(DEMO), "ceil(11 / 4)");
        assertEquals(0, one.maxOutputTokens(DEMO), "embeddings have no output tokens");
        assertEquals(one.bodyBytes(), one.maxInputTokens(REAL), "a real upstream: the body's bytes");
        assertEquals(false, one.stream());

        assertEquals(List.of("a", "bcdef"), parse("{\"model\":\"m\",\"input\":[\"a\",\"bcdef\"]}").texts());
        assertEquals(3, parse("{\"model\":\"m\",\"input\":[\"a\",\"bcdef\"]}").inputTokens());
        EmbeddingsRequest ids = parse("{\"model\":\"m\",\"input\":[1,2,3]}");
        assertEquals(3, ids.tokenIds());
        assertEquals(5, parse("{\"model\":\"m\",\"input\":[[1,2],[3,4,5]]}").inputTokens());
        assertTrue(parse("{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"base64\"}").base64());
    }

    @Test
    void hostileBodiesAre400InvalidRequestNamingTheField() {
        for (String[] bad : new String[][] {
                {"{\"model\":\"m\"}", "input"},
                {"{\"input\":\"x\"}", "model"},
                {"{\"model\":7,\"input\":\"x\"}", "model"},
                {"{\"model\":\"m\",\"input\":7}", "input"},
                {"{\"model\":\"m\",\"input\":[]}", "input"},
                {"{\"model\":\"m\",\"input\":[1,\"x\"]}", "input"},
                {"{\"model\":\"m\",\"input\":[\"x\",1]}", "input"},
                {"{\"model\":\"m\",\"input\":[[]]}", "input"},
                {"{\"model\":\"m\",\"input\":[[1.5]]}", "input"},
                {"{\"model\":\"m\",\"input\":[{}]}", "input"},
                {"{\"model\":\"m\",\"input\":\"x\",\"dimensions\":1e40}", "dimensions"},
                {"{\"model\":\"m\",\"input\":\"x\",\"dimensions\":0}", "dimensions"},
                {"{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":[]}", "encoding_format"},
                {"{\"model\":\"m\",\"input\":\"x\"", null},
                {"{\"model\":\"m\",\"input\":[1,}", null},
                {"[]", null},
                {"", null},
                {"{\"model\":\"m\",\"input\":\"x\"} {}", null}}) {
            GatewayException e = assertThrows(GatewayException.class, () -> parse(bad[0]), bad[0]);
            assertEquals(GatewayError.INVALID_REQUEST, e.error(), bad[0]);
            assertEquals(bad[1], e.param(), bad[0]);
        }
    }

    @Test
    void theUpstreamGetsTheBodyWithOnlyTheModelReplaced() {
        String body = "{\"model\":\"p/m\",\"input\":\"hi\",\"user\":\"u\"}";
        assertEquals(body.replace("p/m", "m"), new String(parse(body).forUpstream("m", json), StandardCharsets.UTF_8));
        String unicode = "{\"input\":\"h\u00e9\",\"model\":\"p/m\"}";
        JsonObject up = Json.createReader(new StringReader(new String(parse(unicode).forUpstream("m", json),
                StandardCharsets.UTF_8))).readObject();
        assertEquals("m", up.getString("model"));
        assertEquals("h\u00e9", up.getString("input"));
        assertEquals(false, up.containsKey("stream_options"));
    }

    @Test
    void theDemoAnswersTheSameVectorForTheSameTextAsFloatsOrBase64() {
        DemoReply floats = parse("{\"model\":\"demo/echo\",\"input\":[\"hello world\",\"x\"],\"dimensions\":4}")
                .demo("req_1", 1, "demo/echo", DEMO);
        assertEquals(new Usage(4, 0, 0, 0), floats.usage());
        JsonObject body = Json.createReader(new StringReader(floats.json())).readObject();
        assertEquals("list", body.getString("object"));
        assertEquals(2, body.getJsonArray("data").size());
        assertEquals(4, body.getJsonArray("data").getJsonObject(0).getJsonArray("embedding").size());
        assertEquals(4, body.getJsonObject("usage").getInt("prompt_tokens"));
        assertEquals(4, body.getJsonObject("usage").getInt("total_tokens"));
        assertEquals(floats.json(), parse("{\"model\":\"demo/echo\",\"input\":[\"hello world\",\"x\"],\"dimensions\":4}")
                .demo("req_2", 2, "demo/echo", DEMO).json(), "deterministic");

        DemoReply b64 = parse("{\"model\":\"demo/echo\",\"input\":\"hello world\",\"encoding_format\":\"base64\"}")
                .demo("req_1", 1, "demo/echo", DEMO);
        String encoded = Json.createReader(new StringReader(b64.json())).readObject().getJsonArray("data").getJsonObject(0)
                .getString("embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[DemoEmbeddings.DIMENSIONS];
        for (int i = 0; i < decoded.length; i++) {
            decoded[i] = bytes.getFloat();
        }
        assertArrayEquals(DemoEmbeddings.vector("hello world", DemoEmbeddings.DIMENSIONS), decoded);
    }

    @Test
    void usageOfAnEmbeddingsAnswerAndHostileNumbers() {
        assertEquals(new Usage(11, 0, 0, 0), Endpoint.EMBEDDINGS.usage(obj("{\"usage\":{\"prompt_tokens\":11,\"total_tokens\":11}}")));
        assertEquals(null, Endpoint.EMBEDDINGS.usage(obj("{\"usage\":{\"prompt_tokens\":1e30,\"total_tokens\":1}}")),
                "too large to be true: billed at the reservation");
        assertEquals(new Usage(0, 0, 0, 0), Endpoint.EMBEDDINGS.usage(obj("{\"usage\":{\"prompt_tokens\":\"11\"}}")));
        assertEquals(null, Endpoint.EMBEDDINGS.usage(obj("{\"usage\":[]}")));
    }

    static JsonObject obj(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
