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

class ResponsesRequestTest {

    private static final Route DEMO = EmbeddingsRequestTest.DEMO;
    private static final Route REAL = EmbeddingsRequestTest.REAL;

    private final JsonProvider json = JsonProvider.provider();

    private ResponsesRequest parse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (ResponsesRequest) Endpoint.RESPONSES.parse(bytes, bytes.length, json);
    }

    @Test
    void aStringInputIsOneUserMessage() {
        ResponsesRequest r = parse("{\"model\":\"p/m\",\"input\":\"hello there\"}");
        assertEquals("p/m", r.model());
        assertEquals(false, r.stream());
        assertEquals(List.of("hello there"), r.messageTexts());
        assertEquals("hello there", r.lastUserText());
        assertEquals(4 + 3, r.maxInputTokens(DEMO), "the chat demo's count: 4 per message + ceil(11 / 4)");
        assertEquals(r.bodyBytes(), r.maxInputTokens(REAL), "a real upstream: the body's bytes");
    }

    @Test
    void itemsWithStringsOrContentPartsAndInstructionsAreCountedForTheDemo() {
        ResponsesRequest r = parse("{\"model\":\"demo/echo\",\"instructions\":\"be brief\",\"input\":["
                + "{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"ok\"}]},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ignored by the demo\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"look \"},"
                + "{\"type\":\"input_image\",\"image_url\":\"https://example.org/a.png\",\"detail\":\"high\"},"
                + "{\"type\":\"input_text\",\"text\":\"here\"}]}],\"stream\":true}");
        assertTrue(r.stream());
        assertEquals(List.of("be brief", "first", "ok", "look here"), r.messageTexts());
        assertEquals("look here", r.lastUserText());
        assertEquals(4 * 4 + 2 + 2 + 1 + 3, r.maxInputTokens(DEMO), "the demo counts texts only: it reads no image");
        assertEquals(1, r.images());
        assertEquals(r.bodyBytes() + REAL.imageTokens(), r.maxInputTokens(REAL), "a real upstream: bytes and each image at the model's most");
    }

    @Test
    void theOutputBoundIsTheRequestsCapWithinTheModelsAndNeverMore() {
        assertEquals(1000, parse("{\"model\":\"p/m\",\"input\":\"x\"}").maxOutputTokens(REAL), "none asked: the model's cap");
        assertEquals(50, parse("{\"model\":\"p/m\",\"input\":\"x\",\"max_output_tokens\":50}").maxOutputTokens(REAL));
        assertEquals(1000, parse("{\"model\":\"p/m\",\"input\":\"x\",\"max_output_tokens\":5000}").maxOutputTokens(REAL));
        assertEquals(1000, parse("{\"model\":\"p/m\",\"input\":\"x\",\"max_output_tokens\":null,\"n\":9}")
                .maxOutputTokens(REAL), "the Responses API has no n: one output");
        assertEquals(1000, parse("{\"model\":\"p/m\",\"previous_response_id\":\"resp_1\"}").maxOutputTokens(REAL),
                "input may be left to a previous response or a prompt template");
    }

    @Test
    void onlyTheModelIsReplacedAndNoStreamOptionsAreAdded() {
        ResponsesRequest s = parse("{\"model\":\"p/m\",\"input\":\"hi\",\"stream\":true}");
        assertEquals(false, s.hideUsage(), "the stream ends with response.completed and its usage anyway");
        assertEquals("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}",
                new String(s.forUpstream("m", json), StandardCharsets.UTF_8));
        String own = "{\"model\":\"p/m\",\"input\":\"hi\",\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}";
        assertEquals(own.replace("p/m", "m"), new String(parse(own).forUpstream("m", json), StandardCharsets.UTF_8),
                "the client's own stream_options go as they came");
    }

    @Test
    void hostileBodiesAre400InvalidRequestNamingTheField() {
        for (String[] bad : new String[][] {
                {"[]", null},
                {"{\"input\":\"x\"}", "model"},
                {"{\"model\":\"\",\"input\":\"x\"}", "model"},
                {"{\"model\":7,\"input\":\"x\"}", "model"},
                {"{\"model\":\"m\",\"input\":7}", "input"},
                {"{\"model\":\"m\",\"input\":{}}", "input"},
                {"{\"model\":\"m\",\"input\":[\"x\"]}", "input[0]"},
                {"{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":\"a\"},3]}", "input[1]"},
                {"{\"model\":\"m\",\"input\":\"x\",\"instructions\":[1]}", "instructions"},
                {"{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":0}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":1.5}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":\"9\"}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":99999999999999999999}", "max_output_tokens"},
                {"{\"model\":\"m\",\"input\":\"x\",\"stream\":\"yes\"}", "stream"},
                {"{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"text\":}]}]}", null},
                {"{\"model\":\"m\",\"input\":\"x\"", null},
                {"{\"model\":\"m\",\"input\":\"x\"} {}", null}}) {
            GatewayException e = assertThrows(GatewayException.class, () -> parse(bad[0]), bad[0]);
            assertEquals(GatewayError.INVALID_REQUEST, e.error(), bad[0]);
            assertEquals(bad[1], e.param(), bad[0]);
        }
    }

    @Test
    void aJsonAnswersUsageIsReadWithTheResponsesNames() {
        JsonObject answer = EmbeddingsRequestTest.obj("{\"id\":\"resp_1\",\"object\":\"response\",\"usage\":{"
                + "\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":40},\"output_tokens\":50,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":20},\"total_tokens\":150}}");
        assertEquals(new Usage(100, 50, 40, 20), Endpoint.RESPONSES.usage(answer));
        assertEquals(Usage.NONE, Endpoint.CHAT.usage(answer), "chat's names are not the Responses API's");
        assertNull(Endpoint.RESPONSES.usage(EmbeddingsRequestTest.obj("{\"usage\":null}")));
        assertNull(Endpoint.RESPONSES.usage(EmbeddingsRequestTest.obj(
                "{\"usage\":{\"input_tokens\":1e30,\"output_tokens\":1}}")), "too large to be true: billed at the reservation");
    }

    @Test
    void aStreamsUsageComesOnlyFromItsFinalEvent() {
        String usage = "{\"input_tokens\":9,\"input_tokens_details\":{\"cached_tokens\":1},\"output_tokens\":4,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":2},\"total_tokens\":13}";
        for (String type : new String[] {"response.completed", "response.incomplete", "response.failed"}) {
            assertEquals(new Usage(9, 4, 1, 2), Endpoint.RESPONSES.streamUsage(EmbeddingsRequestTest.obj("{\"type\":\""
                    + type + "\",\"sequence_number\":5,\"response\":{\"id\":\"resp_1\",\"usage\":" + usage + "}}")), type);
        }
        assertNull(Endpoint.RESPONSES.streamUsage(EmbeddingsRequestTest.obj("{\"type\":\"response.created\","
                + "\"response\":{\"id\":\"resp_1\",\"usage\":" + usage + "}}")), "only a final event is the bill");
        assertNull(Endpoint.RESPONSES.streamUsage(EmbeddingsRequestTest.obj("{\"type\":\"response.completed\",\"usage\":"
                + usage + "}")), "the usage is the response's, not the event's");
        assertNull(Endpoint.RESPONSES.streamUsage(EmbeddingsRequestTest.obj("{\"type\":7,\"response\":{}}")));

        // OpenAI's own framing: event and data lines, pieces cut anywhere; the model is rewritten where it is
        EventStreamRewriter r = new EventStreamRewriter("m", "p/m", false, 1 << 20, json, Endpoint.RESPONSES);
        String in = "event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,\"response\":"
                + "{\"id\":\"resp_1\",\"model\":\"m\",\"usage\":null}}\n\n"
                + "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"sequence_number\":1,"
                + "\"delta\":\"say \\\"usage\\\"\"}\n\n"
                + "event: response.completed\ndata: {\"type\":\"response.completed\",\"sequence_number\":2,\"response\":"
                + "{\"id\":\"resp_1\",\"model\":\"m\",\"usage\":" + usage + "}}\n\n";
        byte[] bytes = in.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 7) {
            out.append(new String(r.feed(List.of(ByteBuffer.wrap(bytes, i, Math.min(7, bytes.length - i)))),
                    StandardCharsets.UTF_8));
        }
        out.append(new String(r.finish(), StandardCharsets.UTF_8));
        assertEquals(in.replace("\"model\":\"m\"", "\"model\":\"p/m\""), out.toString(), "nothing dropped, nothing added");
        assertEquals(new Usage(9, 4, 1, 2), r.usage());
    }

    @Test
    void theDemoAnswersAResponseObjectAndCutsItAtTheCap() {
        ResponsesRequest r = parse("{\"model\":\"demo/echo\",\"instructions\":\"echo\",\"input\":\"one two three\"}");
        DemoReply plain = r.demo("req_abc", 7, "demo/echo", DEMO);
        assertEquals(new Usage(4 + 1 + 4 + 4, 4, 0, 0), plain.usage());
        JsonObject body = EmbeddingsRequestTest.obj(plain.json());
        assertEquals("resp_abc", body.getString("id"));
        assertEquals("response", body.getString("object"));
        assertEquals("completed", body.getString("status"));
        assertEquals("echo", body.getString("instructions"));
        JsonObject message = body.getJsonArray("output").getJsonObject(0);
        assertEquals("msg_abc", message.getString("id"));
        assertEquals("one two three", message.getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals(plain.usage(), Endpoint.RESPONSES.usage(body));
        assertEquals(17, body.getJsonObject("usage").getInt("total_tokens"));

        DemoReply cut = parse("{\"model\":\"demo/echo\",\"input\":\"one two three\",\"max_output_tokens\":1}")
                .demo("req_abc", 7, "demo/echo", DEMO);
        JsonObject incomplete = EmbeddingsRequestTest.obj(cut.json());
        assertEquals("incomplete", incomplete.getString("status"));
        assertEquals("max_output_tokens", incomplete.getJsonObject("incomplete_details").getString("reason"));
        assertEquals(1, incomplete.getInt("max_output_tokens"));
        assertEquals("one ", incomplete.getJsonArray("output").getJsonObject(0).getJsonArray("content").getJsonObject(0)
                .getString("text"));
        assertEquals(1, cut.usage().outputTokens());
    }

    @Test
    void theDemoStreamsOpenAisEventSequenceNumberedWithTheUsageLast() {
        DemoReply streamed = parse("{\"model\":\"demo/echo\",\"input\":\"one two\",\"stream\":true}")
                .demo("req_abc", 7, "demo/echo", DEMO);
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Usage seen = null;
        for (String event : streamed.events()) {
            String[] lines = event.split("\n", -1);
            assertEquals(4, lines.length, event);
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: ") && event.endsWith("\n\n"), event);
            JsonObject data = EmbeddingsRequestTest.obj(lines[1].substring(6));
            assertEquals(lines[0].substring(7), data.getString("type"));
            assertEquals(types.size(), data.getInt("sequence_number"));
            types.add(data.getString("type"));
            if ("response.output_text.delta".equals(data.getString("type"))) {
                text.append(data.getString("delta"));
            }
            Usage u = Endpoint.RESPONSES.streamUsage(data);
            assertTrue(u == null || types.size() == streamed.events().size(), "usage only at the end: " + event);
            seen = u != null ? u : seen;
        }
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.completed"), types);
        assertEquals("one two", text.toString());
        assertEquals(streamed.usage(), seen);
        assertEquals(new Usage(6, 2, 0, 0), seen);

        List<String> cut = parse("{\"model\":\"demo/echo\",\"input\":\"one two\",\"stream\":true,\"max_output_tokens\":1}")
                .demo("req_abc", 7, "demo/echo", DEMO).events();
        assertTrue(cut.get(cut.size() - 1).startsWith("event: response.incomplete\n"), cut.get(cut.size() - 1));
    }
}
