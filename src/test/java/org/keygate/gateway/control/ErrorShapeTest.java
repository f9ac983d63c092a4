package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The two shapes of the gateway's errors: OpenAI's everywhere, Anthropic's on {@code /v1/messages}. */
class ErrorShapeTest {

    @Test
    void thePathChoosesTheShape() {
        assertEquals(ErrorShape.ANTHROPIC, ErrorShape.forPath("/v1/messages"));
        assertEquals(ErrorShape.OPENAI, ErrorShape.forPath("/v1/chat/completions"));
        assertEquals(ErrorShape.OPENAI, ErrorShape.forPath("/v1/messages/batches"));
        assertEquals(ErrorShape.OPENAI, ErrorShape.forPath("/v1/key/info"));
        assertEquals(ErrorShape.OPENAI, ErrorShape.forPath("/auth/verify"));
    }

    @Test
    void anthropicsShapeHasItsTypeByStatusAndKeepsKeygatesCode() {
        JsonObject body = CompletionsRequestTest.obj(ErrorShape.ANTHROPIC.body(GatewayError.MODEL_NOT_ALLOWED,
                "may not use \"x\"", "model"));
        assertEquals("error", body.getString("type"));
        JsonObject error = body.getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertEquals("may not use \"x\"", error.getString("message"));
        assertEquals("model_not_allowed", error.getString("code"));
        assertEquals("model", error.getString("param"));
        assertFalse(CompletionsRequestTest.obj(ErrorShape.ANTHROPIC.body(GatewayError.INVALID_API_KEY, "m", null))
                .getJsonObject("error").containsKey("param"));
        type(GatewayError.INVALID_API_KEY, "authentication_error");
        type(GatewayError.KEY_IN_QUERY, "authentication_error");
        type(GatewayError.IP_NOT_ALLOWED, "permission_error");
        type(GatewayError.INVALID_REQUEST, "invalid_request_error");
        type(GatewayError.METHOD_NOT_ALLOWED, "invalid_request_error");
        type(GatewayError.REQUEST_TOO_LARGE, "request_too_large");
        type(GatewayError.MODEL_NOT_FOUND, "not_found_error");
        type(GatewayError.UNKNOWN_URL, "not_found_error");
        type(GatewayError.RATE_LIMIT_EXCEEDED, "rate_limit_error");
        type(GatewayError.DAILY_LIMIT_EXCEEDED, "rate_limit_error");
        type(GatewayError.INSUFFICIENT_BALANCE, "billing_error");
        type(GatewayError.UPSTREAM_ERROR, "api_error");
        type(GatewayError.METERING_UNAVAILABLE, "api_error");
        type(GatewayError.UPSTREAM_TIMEOUT, "timeout_error");
    }

    @Test
    void openAisShapeIsTheErrorsOwnBody() {
        assertEquals(GatewayError.RATE_LIMIT_EXCEEDED.body("slow down", null),
                ErrorShape.OPENAI.body(GatewayError.RATE_LIMIT_EXCEEDED, "slow down", null));
    }

    @Test
    void aStreamEndsWithAnErrorEventInEitherShape() {
        assertEquals("data: " + GatewayError.UPSTREAM_TIMEOUT.body("silent", null) + "\n\n",
                ErrorShape.OPENAI.streamEvent(GatewayError.UPSTREAM_TIMEOUT, "silent"));
        String event = ErrorShape.ANTHROPIC.streamEvent(GatewayError.UPSTREAM_TIMEOUT, "silent");
        assertTrue(event.startsWith("event: error\ndata: {\"type\":\"error\""), event);
        assertTrue(event.endsWith("}\n\n"), event);
        assertEquals("upstream_timeout", CompletionsRequestTest.obj(event.substring(event.indexOf('{')).strip())
                .getJsonObject("error").getString("code"));
    }

    private static void type(GatewayError error, String type) {
        assertEquals(type, ErrorShape.anthropicType(error), error.name());
    }
}
