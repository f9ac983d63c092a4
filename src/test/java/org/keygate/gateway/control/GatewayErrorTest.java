package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The error table of docs/gateway.md, row by row, and the OpenAI error body. */
class GatewayErrorTest {

    @Test
    void theTableOfSpecSection3() {
        row(GatewayError.INVALID_API_KEY, 401, "authentication_error", "invalid_api_key");
        row(GatewayError.KEY_DEACTIVATED, 401, "authentication_error", "key_deactivated");
        row(GatewayError.KEY_EXPIRED, 401, "authentication_error", "key_expired");
        row(GatewayError.IP_NOT_ALLOWED, 403, "permission_error", "ip_not_allowed");
        row(GatewayError.MODEL_NOT_ALLOWED, 403, "permission_error", "model_not_allowed");
        row(GatewayError.RATE_LIMIT_EXCEEDED, 429, "rate_limit_error", "rate_limit_exceeded");
        row(GatewayError.DAILY_LIMIT_EXCEEDED, 429, "insufficient_quota", "daily_limit_exceeded");
        row(GatewayError.INSUFFICIENT_BALANCE, 402, "insufficient_quota", "insufficient_balance");
        row(GatewayError.KEY_IN_QUERY, 401, "authentication_error", "key_in_query");
        row(GatewayError.MODEL_NOT_FOUND, 404, "invalid_request_error", "model_not_found");
        row(GatewayError.UPSTREAM_TIMEOUT, 504, "api_error", "upstream_timeout");
        row(GatewayError.UPSTREAM_ERROR, 502, "api_error", "upstream_error");
        row(GatewayError.DATABASE_UNAVAILABLE, 503, "api_error", "database_unavailable");
    }

    @Test
    void aKeyThatCannotBeReadForADatabaseOutageIsA503AndAnyOtherFailureStaysWhatItIs() {
        RuntimeException outage = Gate.outageOr(new jakarta.persistence.PersistenceException(
                new java.sql.SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        assertEquals(GatewayError.DATABASE_UNAVAILABLE, ((GatewayException) outage).error());
        IllegalStateException bug = new IllegalStateException("a bug");
        assertEquals(bug, Gate.outageOr(bug));
    }

    @Test
    void theBodyIsOpenAiShapedAndEscaped() {
        String body = GatewayError.MODEL_NOT_ALLOWED.body("may not use \"x\"\n\u0001", "model");
        JsonObject error = Json.createReader(new StringReader(body)).readObject().getJsonObject("error");
        assertEquals("may not use \"x\"\n\u0001", error.getString("message"));
        assertEquals("permission_error", error.getString("type"));
        assertEquals("model_not_allowed", error.getString("code"));
        assertEquals("model", error.getString("param"));
        JsonObject noParam = Json.createReader(new StringReader(GatewayError.INVALID_API_KEY.body("m", null)))
                .readObject().getJsonObject("error");
        assertEquals(true, noParam.isNull("param"));
        assertEquals(4, noParam.size());
    }

    @Test
    void rateHeadersRoundResetUpAndNeverAskToRetryInZeroSeconds() {
        RateHeaders h = RateHeaders.of(new RateDecision(false, 10, 0, 1));
        assertEquals("10", h.limit());
        assertEquals("0", h.remaining());
        assertEquals(1, h.resetSeconds());
        assertEquals(1, h.retryAfterSeconds());
        assertEquals(1, RateHeaders.of(new RateDecision(false, 10, 0, 0)).retryAfterSeconds());
        assertEquals(59, RateHeaders.of(new RateDecision(true, 10, 3, 58_001)).resetSeconds());
    }

    private static void row(GatewayError e, int status, String type, String code) {
        assertEquals(status, e.status(), e.name());
        assertEquals(type, e.type(), e.name());
        assertEquals(code, e.code(), e.name());
    }
}
