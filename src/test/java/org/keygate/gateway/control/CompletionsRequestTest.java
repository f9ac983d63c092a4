package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class CompletionsRequestTest {

    private final JsonProvider json = JsonProvider.provider();

    private CompletionsRequest parse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (CompletionsRequest) Endpoint.COMPLETIONS.parse(bytes, bytes.length, json);
    }

    @Test
    void theReservationCountsEveryChoiceOfEveryPromptUpToTheCap() {
        CompletionsRequest one = parse("{\"model\":\"p/m\",\"prompt\":\"hi\"}");
        assertEquals(1000, one.maxOutputTokens(EmbeddingsRequestTest.REAL), "no max_tokens: the model's cap");
        assertEquals(one.bodyBytes(), one.maxInputTokens(EmbeddingsRequestTest.REAL));
        assertEquals(1, one.maxInputTokens(EmbeddingsRequestTest.DEMO));
        assertEquals(50, parse("{\"model\":\"p/m\",\"prompt\":\"hi\",\"max_tokens\":50}").maxOutputTokens(EmbeddingsRequestTest.REAL));
        assertEquals(1000, parse("{\"model\":\"p/m\",\"prompt\":\"hi\",\"max_tokens\":5000}").maxOutputTokens(EmbeddingsRequestTest.REAL));
        assertEquals(2 * 3 * 50, parse("{\"model\":\"p/m\",\"prompt\":[\"a\",\"b\"],\"n\":3,\"max_tokens\":50}")
                .maxOutputTokens(EmbeddingsRequestTest.REAL));
        assertEquals(5 * 50, parse("{\"model\":\"p/m\",\"prompt\":[1,2,3],\"n\":2,\"best_of\":5,\"max_tokens\":50}")
                .maxOutputTokens(EmbeddingsRequestTest.REAL), "one token-id prompt, best_of generations billed");
        assertEquals(2 * 50, parse("{\"model\":\"p/m\",\"prompt\":[[1],[2,3]],\"max_tokens\":50}")
                .maxOutputTokens(EmbeddingsRequestTest.REAL));
        assertEquals(RelayedRequest.MAX_OUTPUT_BOUND, RelayedRequest.bound(Long.MAX_VALUE / 2, 3), "saturates");
    }

    @Test
    void streamingAsksTheUpstreamForUsageOnlyWhereTheClientDidNot() {
        CompletionsRequest s = parse("{\"model\":\"p/m\",\"prompt\":\"hi\",\"stream\":true}");
        assertTrue(s.hideUsage());
        JsonObject up = obj(new String(s.forUpstream("m", json), StandardCharsets.UTF_8));
        assertEquals("m", up.getString("model"));
        assertTrue(up.getJsonObject("stream_options").getBoolean("include_usage"));
        CompletionsRequest asked = parse("{\"model\":\"p/m\",\"prompt\":\"hi\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertEquals(false, asked.hideUsage());
        CompletionsRequest off = parse("{\"model\":\"p/m\",\"prompt\":\"hi\",\"stream\":true,\"stream_options\":{\"include_usage\":false}}");
        assertTrue(obj(new String(off.forUpstream("m", json), StandardCharsets.UTF_8)).getJsonObject("stream_options")
                .getBoolean("include_usage"), "rebuilt with the usage switched on");
        assertEquals("{\"model\":\"m\",\"prompt\":\"hi\"}", new String(parse("{\"model\":\"p/m\",\"prompt\":\"hi\"}")
                .forUpstream("m", json), StandardCharsets.UTF_8));
    }

    @Test
    void hostileBodiesAre400InvalidRequestNamingTheField() {
        for (String[] bad : new String[][] {
                {"{\"model\":\"m\"}", "prompt"},
                {"{\"model\":\"m\",\"prompt\":{}}", "prompt"},
                {"{\"model\":\"m\",\"prompt\":[]}", "prompt"},
                {"{\"model\":\"m\",\"prompt\":[true]}", "prompt"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"n\":0}", "n"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"n\":129}", "n"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"n\":\"2\"}", "n"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"best_of\":21}", "best_of"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":99999999999999999999}", "max_tokens"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":1.5}", "max_tokens"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"stream\":\"yes\"}", "stream"},
                {"{\"model\":\"m\",\"prompt\":\"x\",\"stream\":true", null},
                {"{\"model\":\"m\",\"prompt\":[\"x\",}", null}}) {
            GatewayException e = assertThrows(GatewayException.class, () -> parse(bad[0]), bad[0]);
            assertEquals(GatewayError.INVALID_REQUEST, e.error(), bad[0]);
            assertEquals(bad[1], e.param(), bad[0]);
        }
    }

    @Test
    void theDemoEchoesEachPromptCutToTheCapAndStreamsTheSame() {
        DemoReply plain = parse("{\"model\":\"demo/echo\",\"prompt\":[\"one two\",\"three\"],\"max_tokens\":1,\"n\":5}")
                .demo("req_abc", 7, "demo/echo", EmbeddingsRequestTest.DEMO);
        assertEquals(new Usage(4, 2, 0, 0), plain.usage());
        JsonObject body = obj(plain.json());
        assertEquals("cmpl-abc", body.getString("id"));
        assertEquals(2, body.getJsonArray("choices").size(), "one choice per prompt whatever n says");
        assertEquals("one ", body.getJsonArray("choices").getJsonObject(0).getString("text"));
        assertEquals("length", body.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));

        DemoReply streamed = parse("{\"model\":\"demo/echo\",\"prompt\":\"one two\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}").demo("req_abc", 7, "demo/echo", EmbeddingsRequestTest.DEMO);
        StringBuilder text = new StringBuilder();
        Usage seen = null;
        for (String event : streamed.events()) {
            assertTrue(event.startsWith("data: ") && event.endsWith("\n\n"), event);
            if (event.equals("data: [DONE]\n\n")) {
                continue;
            }
            JsonObject chunk = obj(event.substring(6).strip());
            for (var c : chunk.getJsonArray("choices")) {
                text.append(c.asJsonObject().getString("text"));
            }
            Usage u = Endpoint.COMPLETIONS.streamUsage(chunk);
            seen = u != null ? u : seen;
        }
        assertEquals("one two", text.toString());
        assertEquals(streamed.usage(), seen);
        assertEquals(new Usage(2, 2, 0, 0), seen);
    }

    @Test
    void aStreamsUsageChunkIsReadAndKeptFromAClientThatDidNotAskForIt() {
        EventStreamRewriter r = new EventStreamRewriter("m", "p/m", true, 1 << 20, json, Endpoint.COMPLETIONS);
        String in = "data: {\"model\":\"m\",\"choices\":[{\"text\":\"hi\",\"index\":0}],\"usage\":null}\n\n"
                + "data: {\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\n"
                + "data: [DONE]\n\n";
        String out = new String(r.feed(List.of(ByteBuffer.wrap(in.getBytes(StandardCharsets.UTF_8)))), StandardCharsets.UTF_8);
        assertEquals("data: {\"model\":\"p/m\",\"choices\":[{\"text\":\"hi\",\"index\":0}]}\n\ndata: [DONE]\n\n", out);
        assertEquals(new Usage(5, 2, 0, 0), r.usage());
    }

    static JsonObject obj(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
