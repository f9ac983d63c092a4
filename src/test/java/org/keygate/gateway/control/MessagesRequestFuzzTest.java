package org.keygate.gateway.control;

import java.util.concurrent.TimeUnit;

import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile Anthropic Messages bodies: {@link MessagesRequest#parse} answers a request or the
 * gateway's typed 400, never another exception; a request it accepts can always be rewritten for
 * the upstream, bounded for the reservation and answered by the demo model, JSON and streamed.
 */
class MessagesRequestFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anyBodyParsesOrIsRefusedWithTheGatewaysError(byte[] body) {
        MessagesRequest messages;
        try {
            messages = MessagesRequest.parse(body, body.length, JSON);
        } catch (GatewayException refused) {
            if (refused.error().status() != 400) {
                throw new AssertionError("refused with " + refused.error(), refused);
            }
            return;
        }
        if (messages.model() == null || messages.model().isEmpty() || messages.maxTokens() < 1) {
            throw new AssertionError("accepted a request without a model or max_tokens");
        }
        messages.forUpstream("upstream-model", JSON);
        if (messages.maxOutputTokens(EmbeddingsRequestTest.DEMO) < 1 || messages.maxInputTokens(EmbeddingsRequestTest.DEMO) < 0) {
            throw new AssertionError("a reservation bound below its floor");
        }
        DemoReply reply = messages.demo("req_fuzz", 1, "demo/echo", EmbeddingsRequestTest.DEMO);
        if (reply.usage() == null || reply.streamed() != messages.stream()) {
            throw new AssertionError("the demo's answer does not match the request");
        }
    }
}
