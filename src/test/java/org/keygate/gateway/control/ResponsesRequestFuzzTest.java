package org.keygate.gateway.control;

import java.util.concurrent.TimeUnit;

import jakarta.json.spi.JsonProvider;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Hostile Responses API bodies: {@link ResponsesRequest#parse} answers a request or the gateway's
 * typed 400, never another exception; a request it accepts can always be rewritten for the
 * upstream, bounded for the reservation and answered by the demo, plain and streamed.
 */
class ResponsesRequestFuzzTest {

    private static final JsonProvider JSON = JsonProvider.provider();

    @FuzzTest(maxDuration = "20s")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anyBodyParsesOrIsRefusedWithTheGatewaysError(byte[] body) {
        ResponsesRequest request;
        try {
            request = ResponsesRequest.parse(body, body.length, JSON);
        } catch (GatewayException refused) {
            if (refused.error().status() != 400) {
                throw new AssertionError("refused with " + refused.error(), refused);
            }
            return;
        }
        if (request.model() == null || request.model().isEmpty()) {
            throw new AssertionError("accepted a request without a model");
        }
        request.forUpstream("upstream-model", JSON);
        long output = request.maxOutputTokens(EmbeddingsRequestTest.DEMO);
        if (request.maxInputTokens(EmbeddingsRequestTest.DEMO) < 0 || output < 1
                || output > EmbeddingsRequestTest.DEMO.maxOutputTokens()) {
            throw new AssertionError("a bound out of range: " + output);
        }
        DemoReply reply = request.demo("req_fuzz", 1, "demo/echo", EmbeddingsRequestTest.DEMO);
        if (reply.usage().outputTokens() > output) {
            throw new AssertionError("the demo answered past the cap: " + reply.usage());
        }
    }
}
