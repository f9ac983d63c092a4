package org.keygate.gateway.control;

import java.util.concurrent.TimeUnit;

import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile chat-completion bodies: {@link ChatRequest#parse} answers a request or the gateway's
 * typed 400, never another exception; a request it accepts can always be rewritten for the
 * upstream and counted for the demo model.
 */
class ChatRequestFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anyBodyParsesOrIsRefusedWithTheGatewaysError(byte[] body) {
        ChatRequest chat;
        try {
            chat = ChatRequest.parse(body, body.length, JSON);
        } catch (GatewayException refused) {
            if (refused.error().status() != 400) {
                throw new AssertionError("refused with " + refused.error(), refused);
            }
            return;
        }
        if (chat.model() == null || chat.model().isEmpty()) {
            throw new AssertionError("accepted a request without a model");
        }
        chat.forUpstream("upstream-model", JSON);
        DemoEcho.promptTokens(chat.messageTexts());
    }
}
