package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private final JsonProvider json = JsonProvider.provider();

    private ChatRequest parse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ChatRequest.parse(bytes, bytes.length, json);
    }

    private GatewayException refused(String body) {
        return assertThrows(GatewayException.class, () -> parse(body));
    }

    @Test
    void imagePartsAreReservedAtTheModelsTokensPerImage() {
        Route real = EmbeddingsRequestTest.REAL;
        ChatRequest r = parse("{\"model\":\"p/m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"compare\"},"
                + "{\"image_url\":{\"url\":\"https://example.org/a.png\"},\"type\":\"image_url\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.org/b.png\",\"detail\":\"high\"}},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAAA\",\"format\":\"wav\"}}]}]}");
        assertEquals(2, r.images(), "type before or after the URL; audio is not an image");
        assertEquals(r.bodyBytes() + 2L * real.imageTokens(), r.maxInputTokens(real));
        Route none = new Route("p/m", "p", false, "http://x", null, "m", real.price(), 1000, 0, "openai", 0);
        assertEquals(r.bodyBytes(), r.maxInputTokens(none), "a model that takes no images: its bytes only");
        assertEquals(0, parse("{\"model\":\"p/m\",\"messages\":[{\"role\":\"user\",\"content\":\"image_url\"}]}").images(),
                "the word in a text is no image");
        assertEquals(RelayedRequest.MAX_OUTPUT_BOUND, RelayedRequest.inputBound(Integer.MAX_VALUE, Integer.MAX_VALUE,
                new Route("p/m", "p", false, "http://x", null, "m", real.price(), 1000, 0, "openai", 1_000_000)),
                "saturates, never overflows");
    }

    @Test
    void readsModelStreamAndTheOutputCap() {
        ChatRequest r = parse("{\"model\":\"a/b\",\"stream\":true,\"max_tokens\":10,\"max_completion_tokens\":20,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.2}");
        assertEquals("a/b", r.model());
        assertTrue(r.stream());
        assertEquals(20, r.maxTokens(), "max_completion_tokens wins");
        assertEquals("hi", r.lastUserText());
    }

    @Test
    void unknownFieldsOfAnyShapeAreSkippedButStillSyntaxChecked() {
        ChatRequest r = parse("{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"a\":[1,{\"b\":null}]}}}],"
                + "\"model\":\"a/b\",\"stream_options\":{\"include_usage\":true,\"x\":{\"y\":[]}},"
                + "\"messages\":[{\"role\":\"user\",\"name\":\"n\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"u\"}},"
                + "{\"type\":\"text\",\"text\":\"look\"}]}],\"n\":1}");
        assertEquals("look", r.lastUserText());
        assertTrue(r.clientWantsUsage());
        assertEquals(GatewayError.INVALID_REQUEST, refused("{\"model\":\"a/b\",\"messages\":[{}]} trailing").error());
        assertEquals(GatewayError.INVALID_REQUEST, refused("{\"model\":\"a/b\",\"messages\":[{}],\"x\":[1,}").error());
        assertEquals(GatewayError.INVALID_REQUEST, refused("{\"model\":\"a/b\",\"messages\":[{}]").error());
        assertEquals(GatewayError.INVALID_REQUEST, refused("").error());
        assertEquals("messages[0]", refused("{\"model\":\"a/b\",\"messages\":[\"hi\"]}").param());
    }

    @Test
    void badBodiesAreInvalidRequestsNamingTheField() {
        assertEquals(GatewayError.INVALID_REQUEST, refused("not json").error());
        assertEquals(GatewayError.INVALID_REQUEST, refused("[1]").error());
        assertEquals("model", refused("{\"messages\":[{}]}").param());
        assertEquals("messages", refused("{\"model\":\"a/b\"}").param());
        assertEquals("stream", refused("{\"model\":\"a/b\",\"messages\":[{}],\"stream\":\"yes\"}").param());
        assertEquals("max_tokens", refused("{\"model\":\"a/b\",\"messages\":[{}],\"max_tokens\":0}").param());
        assertEquals("max_tokens", refused("{\"model\":\"a/b\",\"messages\":[{}],\"max_tokens\":1.5}").param());
    }

    @Test
    void theUpstreamBodyChangesOnlyTheModelAndAsksForUsageWhenStreaming() {
        ChatRequest r = parse("{\"model\":\"openai/gpt-x\",\"stream\":true,\"stream_options\":{\"foo\":1},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":0.25,\"user\":\"u1\"}");
        JsonObject up = Json.createReader(new StringReader(new String(r.forUpstream("gpt-x", json), StandardCharsets.UTF_8)))
                .readObject();
        assertEquals("gpt-x", up.getString("model"));
        assertEquals(true, up.getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals(1, up.getJsonObject("stream_options").getInt("foo"));
        assertEquals("0.25", up.get("temperature").toString());
        assertEquals("u1", up.getString("user"));
        ChatRequest plain = parse("{\"model\":\"openai/gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        JsonObject up2 = Json.createReader(new StringReader(new String(plain.forUpstream("gpt-x", json), StandardCharsets.UTF_8)))
                .readObject();
        assertEquals(false, up2.containsKey("stream_options"));
    }

    @Test
    void theUpstreamBodyIsTheClientsBytesWithOnlyTheModelReplaced() {
        String body = "{ \"temperature\":0.25, \"model\" :\t\"openai/gpt-x\" ,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        ChatRequest r = parse(body);
        assertEquals(body.replace("\"openai/gpt-x\"", "\"gpt-\\\"x\""),
                new String(r.splice("gpt-\"x"), StandardCharsets.UTF_8), "found by the parser's offsets, spliced in");
        assertEquals(body.replace("openai/gpt-x", "gpt-x"), new String(r.forUpstream("gpt-x", json), StandardCharsets.UTF_8));

        String stream = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"a/b\",\"stream\":true}\n";
        assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"b\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}", new String(parse(stream).forUpstream("b", json), StandardCharsets.UTF_8));
        String asked = "{\"model\":\"a/b\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{}]}";
        assertEquals(asked.replace("a/b", "b"), new String(parse(asked).forUpstream("b", json), StandardCharsets.UTF_8));

        // where splicing is not safe the body is rebuilt, with the same meaning
        for (String other : List.of("{\"messages\":[{\"role\":\"user\",\"content\":\"h\u00e9llo \u20ac\"}],\"model\":\"a/b\"}",
                "{\"model\":\"a/b\",\"stream\":true,\"stream_options\":{\"foo\":1},\"messages\":[{}]}")) {
            ChatRequest o = parse(other);
            assertEquals(null, o.splice("b"), other);
            JsonObject up = Json.createReader(new StringReader(new String(o.forUpstream("b", json), StandardCharsets.UTF_8))).readObject();
            assertEquals("b", up.getString("model"));
            assertEquals(o.stream(), up.containsKey("stream_options"));
        }
    }

    @Test
    void modelFieldRewriteTouchesOnlyTheModelValue() {
        String body = "{\"id\":\"x\",\"model\": \"gpt-x\",\"choices\":[{\"message\":{\"content\":\"the \\\"model\\\": \\\"gpt-x\\\"\"}}]}";
        String out = ModelField.rewrite(body, "gpt-x", "openai/gpt-x");
        assertEquals(body.replace("\"model\": \"gpt-x\"", "\"model\": \"openai/gpt-x\""), out);
        assertEquals("data: {\"model\":\"other\"}", ModelField.rewrite("data: {\"model\":\"other\"}", "gpt-x", "openai/gpt-x"));
        assertEquals("{\"model\":\"gpt-x-2\"}", ModelField.rewrite("{\"model\":\"gpt-x-2\"}", "gpt-x", "a/b"));
    }

    @Test
    void usageIsReadWithCachedAndReasoningDetails() {
        JsonObject body = Json.createReader(new StringReader("{\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":40},\"completion_tokens_details\":{\"reasoning_tokens\":20}}}"))
                .readObject();
        assertEquals(new Usage(100, 50, 40, 20), Usage.from(body));
        assertEquals(null, Usage.from(Json.createObjectBuilder().addNull("usage").build()));
    }
}
