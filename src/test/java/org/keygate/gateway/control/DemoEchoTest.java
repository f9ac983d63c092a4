package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Test;

class DemoEchoTest {

    private final JsonProvider json = JsonProvider.provider();

    private ChatRequest request(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ChatRequest.parse(bytes, bytes.length, json);
    }

    @Test
    void tokensAreUtf8BytesOverFourRoundedUp() {
        assertEquals(0, DemoEcho.tokens(""));
        assertEquals(1, DemoEcho.tokens("abc"));
        assertEquals(1, DemoEcho.tokens("abcd"));
        assertEquals(2, DemoEcho.tokens("abcde"));
        assertEquals(2, DemoEcho.tokens("€€"), "6 bytes");
        assertEquals(1, DemoEcho.tokens("😀"), "4 bytes, one surrogate pair");
    }

    @Test
    void promptIsFourPerMessagePlusItsText() {
        assertEquals(4 + 5 + 4 + 3, DemoEcho.promptTokens(List.of("hello there world", "you are nice")));
    }

    @Test
    void answerEchoesTheLastUserMessage() {
        ChatRequest r = request("{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second \"},{\"type\":\"text\",\"text\":\"part\"}]}]}");
        DemoEcho.Answer a = DemoEcho.answer(r, 4096);
        assertEquals("second part", a.text());
        assertEquals("stop", a.finishReason());
        assertEquals(3, a.completionTokens());
        assertEquals(4 * 4 + 2 + 2 + 1 + 3, a.promptTokens());
    }

    @Test
    void theOutputCapCutsTheAnswer() {
        ChatRequest r = request("{\"model\":\"demo/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"abcdefghijklmnop\"}]}");
        DemoEcho.Answer a = DemoEcho.answer(r, 2);
        assertEquals("abcdefgh", a.text());
        assertEquals("length", a.finishReason());
        assertEquals(2, a.completionTokens());
    }

    @Test
    void completionIsValidOpenAiJson() {
        DemoEcho.Answer a = new DemoEcho.Answer("say \"hi\"", 9, 3, "stop");
        JsonObject o = Json.createReader(new StringReader(DemoEcho.completion("chatcmpl-1", 7, "demo/echo", a))).readObject();
        assertEquals("chat.completion", o.getString("object"));
        assertEquals("say \"hi\"", o.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals(12, o.getJsonObject("usage").getInt("total_tokens"));
    }

    @Test
    void streamPiecesConcatenateToTheAnswerAndUsageComesLastWhenAsked() {
        DemoEcho.Answer a = new DemoEcho.Answer("one two  three", 9, 4, "stop");
        List<String> events = DemoEcho.stream("c", 1, "demo/echo", a, true);
        assertEquals("data: [DONE]\n\n", events.get(events.size() - 1));
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 1)) {
            assertTrue(e.startsWith("data: ") && e.endsWith("\n\n"), e);
            JsonObject chunk = Json.createReader(new StringReader(e.substring(6))).readObject();
            if (!chunk.getJsonArray("choices").isEmpty()) {
                JsonObject delta = chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta");
                text.append(delta.getString("content", ""));
            }
        }
        assertEquals("one two  three", text.toString());
        JsonObject last = Json.createReader(new StringReader(events.get(events.size() - 2).substring(6))).readObject();
        assertEquals(13, last.getJsonObject("usage").getInt("total_tokens"));
        assertEquals(false, DemoEcho.stream("c", 1, "demo/echo", a, false).stream().anyMatch(e -> e.contains("\"usage\"")));
    }
}
