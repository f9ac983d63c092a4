package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

/** Anthropic's {@code /v1/messages}: the body Keygate reads, the demo's answers, the usage of answers and streams. */
class MessagesRequestTest {

    private final JsonProvider json = JsonProvider.provider();

    static final Route ANTHROPIC = new Route("a/claude", "a", false, "http://x", null, "claude", new Price(3_000_000,
            15_000_000, 300_000), 1000, 0, "anthropic", 1600);

    private MessagesRequest parse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (MessagesRequest) Endpoint.MESSAGES.parse(bytes, bytes.length, json);
    }

    private GatewayException refused(String body) {
        return assertThrows(GatewayException.class, () -> parse(body));
    }

    @Test
    void modelMaxTokensStreamAndTheTextsOfSystemAndMessagesAreRead() {
        MessagesRequest r = parse("{\"model\":\"a/claude\",\"max_tokens\":64,\"system\":[{\"type\":\"text\",\"text\":\"be"
                + " brief\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hello\"},{\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"hi\"}]},{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":"
                + "{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0K\"}},{\"type\":\"text\",\"text\":"
                + "\"what is this\"}]}],\"temperature\":0.2}");
        assertEquals("a/claude", r.model());
        assertEquals(64, r.maxTokens());
        assertEquals(false, r.stream());
        assertEquals(List.of("be brief", "hello", "hi", "what is this"), r.texts());
        assertEquals("what is this", r.lastUserText());
        assertEquals(true, parse("{\"model\":\"m\",\"max_tokens\":1,\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").stream());
    }

    @Test
    void theReservationIsTheBodysBytesAndMaxTokensWithinTheModelsCap() {
        MessagesRequest r = parse("{\"model\":\"a/claude\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"data\":\"" + "A".repeat(3000)
                + "\"}}]}]}");
        assertEquals(1, r.images());
        assertEquals(r.bodyBytes() + 1600, r.maxInputTokens(ANTHROPIC), "an image counts at the model's tokens per image, on top of its bytes");
        assertEquals(64, r.maxOutputTokens(ANTHROPIC));
        assertEquals(1000, parse("{\"model\":\"a/claude\",\"max_tokens\":50000,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").maxOutputTokens(ANTHROPIC), "the model's cap");
        assertEquals(4 + 1, parse("{\"model\":\"demo/echo\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"abc\"}]}").maxInputTokens(EmbeddingsRequestTest.DEMO), "the demo's exact count");
    }

    @Test
    void maxTokensAndMessagesAreRequiredAndEveryMalformedBodyIsA400() {
        GatewayException noMax = refused("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(GatewayError.INVALID_REQUEST, noMax.error());
        assertEquals("max_tokens", noMax.param());
        assertEquals("max_tokens", refused("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]}").param());
        assertEquals("max_tokens", refused("{\"model\":\"m\",\"max_tokens\":\"9\",\"messages\":[]}").param());
        assertEquals("messages", refused("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[]}").param());
        assertEquals("messages", refused("{\"model\":\"m\",\"max_tokens\":9}").param());
        assertEquals("messages", refused("{\"model\":\"m\",\"max_tokens\":9,\"messages\":{}}").param());
        assertEquals("messages[0]", refused("{\"model\":\"m\",\"max_tokens\":9,\"messages\":[1]}").param());
        assertEquals("model", refused("{\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").param());
        assertEquals("stream", refused("{\"model\":\"m\",\"max_tokens\":9,\"stream\":\"yes\",\"messages\":[]}").param());
        for (String bad : new String[] {"", "[]", "{\"model\":\"m\",", "{\"model\":\"m\",\"max_tokens\":9,\"messages\":[{]}"}) {
            assertEquals(GatewayError.INVALID_REQUEST, refused(bad).error(), bad);
        }
    }

    @Test
    void theUpstreamGetsTheBodyWithOnlyTheModelReplaced() {
        MessagesRequest r = parse("{\"model\":\"a/claude\",\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"x\"}]}");
        assertEquals(false, r.hideUsage());
        assertEquals("{\"model\":\"claude\",\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"x\"}]}", new String(r.forUpstream("claude", json), StandardCharsets.UTF_8));
    }

    @Test
    void onlyAnthropicAndDemoProvidersServeMessagesAndAnthropicServesNothingElse() {
        Endpoint.MESSAGES.checkProvider(ANTHROPIC);
        Endpoint.MESSAGES.checkProvider(EmbeddingsRequestTest.DEMO);
        Endpoint.CHAT.checkProvider(EmbeddingsRequestTest.REAL);
        GatewayException openai = assertThrows(GatewayException.class,
                () -> Endpoint.MESSAGES.checkProvider(EmbeddingsRequestTest.REAL));
        assertEquals(GatewayError.INVALID_REQUEST, openai.error());
        assertEquals("model", openai.param());
        assertTrue(openai.getMessage().contains("OpenAI-compatible"), openai.getMessage());
        for (Endpoint e : new Endpoint[] {Endpoint.CHAT, Endpoint.EMBEDDINGS, Endpoint.COMPLETIONS}) {
            GatewayException anthropic = assertThrows(GatewayException.class, () -> e.checkProvider(ANTHROPIC), e.name());
            assertTrue(anthropic.getMessage().contains("/v1/messages"), anthropic.getMessage());
        }
    }

    @Test
    void theDemoAnswersAMessageWithItsExactUsage() {
        MessagesRequest r = parse("{\"model\":\"demo/echo\",\"max_tokens\":100,\"system\":\"sys\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hello world\"}]}");
        DemoReply reply = r.demo("req_01ABC", 1, "demo/echo", EmbeddingsRequestTest.DEMO);
        JsonObject message = CompletionsRequestTest.obj(reply.json());
        assertEquals("msg_01ABC", message.getString("id"));
        assertEquals("message", message.getString("type"));
        assertEquals("assistant", message.getString("role"));
        assertEquals("demo/echo", message.getString("model"));
        assertEquals("hello world", message.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("end_turn", message.getString("stop_reason"));
        assertTrue(message.isNull("stop_sequence"));
        assertEquals(new Usage(4 + 1 + 4 + 3, 3, 0, 0), reply.usage(), "two messages (system one of them), ceil(11/4) out");
        assertEquals(reply.usage(), Endpoint.MESSAGES.usage(message));

        MessagesRequest cut = parse("{\"model\":\"demo/echo\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello world\"}]}");
        JsonObject short1 = CompletionsRequestTest.obj(cut.demo("req_x", 1, "demo/echo", EmbeddingsRequestTest.DEMO).json());
        assertEquals("max_tokens", short1.getString("stop_reason"));
        assertEquals("hell", short1.getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void theDemoStreamsAnthropicsEventsAndItsUsageIsReadFromThem() {
        MessagesRequest r = parse("{\"model\":\"demo/echo\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"one two three\"}]}");
        DemoReply reply = r.demo("req_01ABC", 1, "demo/echo", EmbeddingsRequestTest.DEMO);
        List<String> names = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        EventStreamRewriter rewriter = new EventStreamRewriter("echo", "demo/echo", false, 1 << 20, json, Endpoint.MESSAGES);
        for (String event : reply.events()) {
            String[] lines = event.split("\n");
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: ") && event.endsWith("\n\n"), event);
            String name = lines[0].substring(7);
            JsonObject data = CompletionsRequestTest.obj(lines[1].substring(6));
            assertEquals(name, data.getString("type"));
            names.add(name);
            if ("content_block_delta".equals(name)) {
                text.append(data.getJsonObject("delta").getString("text"));
            }
            assertEquals(event, new String(rewriter.feed(List.of(ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)))),
                    StandardCharsets.UTF_8), "passed on as it came");
            if ("message_start".equals(name)) {
                assertNull(rewriter.usage(), "no usage until the first message_delta");
            }
        }
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop"), names);
        assertEquals("one two three", text.toString());
        assertEquals(new Usage(4 + 4, 4, 0, 0), reply.usage());
        assertEquals(reply.usage(), rewriter.usage());
    }

    @Test
    void aMessagesUsageCountsBothCacheCountsAsInputAndTheReadsAsCached() {
        JsonObject answer = CompletionsRequestTest.obj("{\"type\":\"message\",\"usage\":{\"input_tokens\":10,"
                + "\"cache_creation_input_tokens\":20,\"cache_read_input_tokens\":30,\"output_tokens\":7}}");
        assertEquals(new Usage(60, 7, 30, 0), Endpoint.MESSAGES.usage(answer));
        assertEquals(new Usage(10, 7, 0, 0), Endpoint.MESSAGES.usage(CompletionsRequestTest.obj("{\"usage\":{"
                + "\"input_tokens\":10,\"cache_creation_input_tokens\":null,\"cache_read_input_tokens\":null,"
                + "\"output_tokens\":7}}")));
        assertNull(Endpoint.MESSAGES.usage(CompletionsRequestTest.obj("{\"type\":\"message\"}")));
        assertNull(Endpoint.MESSAGES.usage(CompletionsRequestTest.obj("{\"usage\":{\"input_tokens\":1e30,"
                + "\"output_tokens\":1}}")), "too large to be true: billed at the reservation");
    }

    @Test
    void aStreamsUsageIsTheStartsInputAndTheLastDeltasOutput() {
        EventStreamRewriter r = new EventStreamRewriter("claude", "a/claude", false, 1 << 20, json, Endpoint.MESSAGES);
        String start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],\"usage\":{\"input_tokens\":25,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":5,\"output_tokens\":1}}}\n\n";
        String out = feed(r, start);
        assertTrue(out.contains("\"model\":\"a/claude\""), "the catalogue id goes back to the client: " + out);
        assertNull(r.usage(), "the start's output count is provisional");
        feed(r, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                + "\"text_delta\",\"text\":\"usage\"}}\n\n");
        assertNull(r.usage());
        feed(r, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":null},\"usage\":"
                + "{\"output_tokens\":8}}\n\n");
        assertEquals(new Usage(30, 8, 5, 0), r.usage());
        feed(r, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":15}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertEquals(new Usage(30, 15, 5, 0), r.usage(), "cumulative: the last one counts");

        EventStreamRewriter cumulative = new EventStreamRewriter("claude", "a/claude", false, 1 << 20, json,
                Endpoint.MESSAGES);
        feed(cumulative, start);
        feed(cumulative, "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{"
                + "\"input_tokens\":40,\"cache_creation_input_tokens\":null,\"cache_read_input_tokens\":5,"
                + "\"output_tokens\":9}}\n\n");
        assertEquals(new Usage(45, 9, 5, 0), cumulative.usage(), "a delta's own input counts replace the start's");
    }

    private static String feed(EventStreamRewriter r, String text) {
        return new String(r.feed(List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))), StandardCharsets.UTF_8);
    }
}
