package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * The gateway of docs/gateway.md from the outside: every row of the check table with its headers, the
 * credential rules, client IPs behind a trusted proxy (127.0.0.2 in this deployment), the relay
 * to a stub upstream (plain, streaming, slow, error, timeout), the verify endpoints, the
 * catalogue API, and the official OpenAI Java SDK as a client.
 */
@SharedServer
class GatewayIT {

    static final String UPSTREAM_SECRET = SharedServer.UPSTREAM_SECRET;

    static StubUpstream stub;

    @SharedServer.Url
    URL url;

    @BeforeAll
    static void startStub() throws Exception {
        stub = new StubUpstream();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private Gw gw() {
        return new Gw(Api.at(url));
    }

    /** A provider pointing at the stub with models ok/slow/error/timeout/bad; returns its id. */
    private String stubProvider(Gw gw) {
        Api.Resp p = gw.stubProvider("stub", stub.baseUrl(), "ok", "slow", "error", "timeout", "bad", "held", "stall");
        assertTrue(p.json().getBoolean("credential_configured"));
        assertFalse(p.body().contains(UPSTREAM_SECRET));
        return p.str("id");
    }

    // ----- success path and headers -----

    @Test
    void demoEchoAnswersWithRateHeadersAndARequestId() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "\"rpm_limit\":5").getString("key");
        HttpResponse<String> r = gw.chat(key, Gw.chatBody("demo/echo", "hello there world", 50, false));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = Gw.json(r.body());
        assertEquals("hello there world", body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("demo/echo", body.getString("model"));
        assertEquals(9, body.getJsonObject("usage").getInt("prompt_tokens"));
        assertEquals(5, body.getJsonObject("usage").getInt("completion_tokens"));
        assertEquals("5", r.headers().firstValue("X-RateLimit-Limit").orElse(null));
        assertEquals("4", r.headers().firstValue("X-RateLimit-Remaining").orElse(null));
        assertEquals("60", r.headers().firstValue("X-RateLimit-Reset").orElse(null));
        assertTrue(r.headers().firstValue("X-Request-Id").orElse("").startsWith("req_"));
        assertFalse(r.body().contains(key));
    }

    @Test
    void demoEchoStreamsServerSentEvents() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "").getString("key");
        HttpResponse<String> r = gw.chat(key, "{\"model\":\"demo/echo\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertTrue(r.body().endsWith("data: [DONE]\n\n"), r.body());
        assertTrue(r.body().contains("\"content\":\"two \""));
        assertTrue(r.body().contains("\"total_tokens\":" + (4 + 4 + 4)), r.body());
    }

    // ----- 401 rows -----

    @Test
    void missingMalformedBadChecksumAndUnknownKeysAre401InvalidApiKey() {
        Gw gw = gw();
        String valid = gw.key(gw.team("1"), "").getString("key");
        String badChecksum = valid.substring(0, 34) + (valid.charAt(34) == 'A' ? 'B' : 'A');
        String unknown = "ck-" + "Q".repeat(26) + checksumFor("ck-" + "Q".repeat(26));
        for (HttpResponse<String> r : List.of(
                Gw.send(HttpRequest.newBuilder(gw.api.uri("v1/models")).GET()),
                gw.get("v1/models", Map.of("Authorization", "Bearer not-a-key")),
                gw.get("v1/models", Map.of("Authorization", "Bearer " + badChecksum)),
                gw.get("v1/models", Map.of("x-api-key", unknown)),
                gw.get("v1/models", Map.of("Authorization", "Basic YWRtaW46eA==", "x-api-key", valid)))) {
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("authentication_error", Gw.error(r).getString("type"));
            assertEquals("invalid_api_key", Gw.code(r));
            assertEquals(JsonValue.NULL, Gw.error(r).get("param"));
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
            assertTrue(r.headers().firstValue("X-Request-Id").orElse("").startsWith("req_"));
            assertFalse(r.body().contains("ck-Q"), "an unknown key is never echoed");
        }
    }

    @Test
    void authorizationBeatsXApiKey() {
        Gw gw = gw();
        String team = gw.team("1");
        JsonObject goodKey = gw.key(team, "");
        String good = goodKey.getString("key");
        String other = gw.key(team, "").getString("key");
        assertEquals(200, gw.get("v1/models", Map.of("Authorization", "Bearer " + good, "x-api-key", "garbage")).statusCode());
        HttpResponse<String> r = gw.get("v1/key/info", Map.of("Authorization", "Bearer " + good, "x-api-key", other));
        assertEquals(200, r.statusCode());
        assertEquals(goodKey.getString("id"), Gw.json(r.body()).getString("id"));
        assertEquals(401, gw.get("v1/models", Map.of("Authorization", "Bearer ck-wrong", "x-api-key", good)).statusCode());
    }

    @Test
    void aKeyInTheQueryStringIsRefusedEvenWithAGoodHeader() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "").getString("key");
        HttpResponse<String> r = gw.get("v1/models?api_key=" + key, Map.of("Authorization", "Bearer " + key));
        assertEquals(401, r.statusCode());
        assertEquals("key_in_query", Gw.code(r));
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertFalse(r.body().contains(key));
        assertEquals(401, gw.get("v1/models?x=1&key=ck-anything", Map.of()).statusCode());
    }

    @Test
    void deactivationRotationAndExpiryTakeEffectOnTheNextCall() {
        Gw gw = gw();
        String team = gw.team("1");
        JsonObject created = gw.key(team, "");
        String key = created.getString("key");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", key)).statusCode());
        assertEquals(200, gw.admin.post("api/v1/keys/" + created.getString("id") + "/deactivate", "{\"reason\":\"test\"}").status());
        HttpResponse<String> r = gw.get("v1/models", Map.of("x-api-key", key));
        assertEquals(401, r.statusCode());
        assertEquals("key_deactivated", Gw.code(r));
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));

        JsonObject old = gw.key(team, "");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", old.getString("key"))).statusCode());
        Api.Resp rotated = gw.admin.post("api/v1/keys/" + old.getString("id") + "/rotate", "{\"old_key_expires_in\":0}");
        assertEquals(201, rotated.status(), rotated::toString);
        assertEquals("key_deactivated", Gw.code(gw.get("v1/models", Map.of("x-api-key", old.getString("key")))));
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", rotated.str("key"))).statusCode());

        JsonObject expiring = gw.key(team, "\"expires_at\":\"" + Instant.now().plusSeconds(3) + "\"");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", expiring.getString("key"))).statusCode());
        HttpResponse<String> expired = Eventually.await("the key to expire").until(
                () -> gw.get("v1/models", Map.of("x-api-key", expiring.getString("key"))), answer -> answer.statusCode() == 401);
        assertEquals(401, expired.statusCode());
        assertEquals("key_expired", Gw.code(expired));
    }

    // ----- 403 rows and client IPs -----

    @Test
    void ipWhitelistUsesThePeerAndIgnoresSpoofedForwardedFor() {
        Gw gw = gw();
        String team = gw.team("1");
        String loopback = gw.key(team, "\"ip_whitelist\":[\"127.0.0.0/8\"]").getString("key");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", loopback)).statusCode());

        String remote = gw.key(team, "\"ip_whitelist\":[\"198.51.100.7\"]").getString("key");
        HttpResponse<String> r = gw.get("v1/models", Map.of("x-api-key", remote));
        assertEquals(403, r.statusCode());
        assertEquals("permission_error", Gw.error(r).getString("type"));
        assertEquals("ip_not_allowed", Gw.code(r));
        // 127.0.0.1 is not a trusted proxy: its X-Forwarded-For is ignored
        assertEquals(403, gw.get("v1/models", Map.of("x-api-key", remote, "X-Forwarded-For", "198.51.100.7")).statusCode());
        // 127.0.0.2 is: the right-most untrusted entry counts, what the client wrote further left does not
        assertEquals(200, gw.rawGet("127.0.0.2", "v1/models", Map.of("x-api-key", remote,
                "X-Forwarded-For", "6.6.6.6, 198.51.100.7")).status());
        assertEquals(403, gw.rawGet("127.0.0.2", "v1/models", Map.of("x-api-key", remote,
                "X-Forwarded-For", "198.51.100.7, 6.6.6.6")).status());
        assertEquals(403, gw.rawGet("127.0.0.2", "v1/models", Map.of("x-api-key", remote)).status(),
                "no header: the proxy itself is the client");
    }

    @Test
    void ipv6CidrBlocks() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "\"ip_whitelist\":[\"2001:db8::/32\"]").getString("key");
        Gw.Raw inside = gw.rawGet("127.0.0.2", "v1/key/info", Map.of("x-api-key", key, "X-Forwarded-For", "2001:db8:1::5"));
        assertEquals(200, inside.status(), inside.body());
        assertEquals("2001:db8:1::5", Gw.json(inside.body()).getString("client_ip"));
        Gw.Raw outside = gw.rawGet("127.0.0.2", "v1/key/info", Map.of("x-api-key", key, "X-Forwarded-For", "2001:db9::1"));
        assertEquals(403, outside.status());
        assertEquals("ip_not_allowed", Gw.json(outside.body()).getJsonObject("error").getString("code"));
        assertEquals(403, gw.get("v1/key/info", Map.of("x-api-key", key)).statusCode(), "IPv4 peer, IPv6-only list");
    }

    @Test
    void modelNotAllowedComesBeforeModelNotFound() {
        Gw gw = gw();
        String team = gw.team("1");
        String demoOnly = gw.key(team, "\"allowed_models\":[\"demo/*\"]").getString("key");
        HttpResponse<String> r = gw.chat(demoOnly, Gw.chatBody("nosuch/model", "hi", 5, false));
        assertEquals(403, r.statusCode());
        assertEquals("model_not_allowed", Gw.code(r));
        assertEquals("model", Gw.error(r).getString("param"));
        String any = gw.key(team, "").getString("key");
        HttpResponse<String> missing = gw.chat(any, Gw.chatBody("nosuch/model", "hi", 5, false));
        assertEquals(404, missing.statusCode());
        assertEquals("model_not_found", Gw.code(missing));

        String stubId = stubProvider(gw);
        JsonObject models = Gw.json(gw.get("v1/models", Map.of("x-api-key", demoOnly)).body());
        List<String> ids = models.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList();
        assertTrue(ids.contains("demo/echo"));
        assertFalse(ids.stream().anyMatch(id -> id.startsWith(stubId)), ids.toString());
        List<String> all = Gw.json(gw.get("v1/models", Map.of("x-api-key", any)).body()).getJsonArray("data").stream()
                .map(v -> v.asJsonObject().getString("id")).toList();
        assertTrue(all.contains(stubId + "/ok"), all.toString());
    }

    // ----- 429 and 402 rows -----

    @Test
    void overTheRpmLimitIs429WithRetryAfterAndRateHeaders() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "\"rpm_limit\":2").getString("key");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", key)).statusCode());
        assertEquals("0", gw.get("v1/models", Map.of("x-api-key", key)).headers().firstValue("X-RateLimit-Remaining").orElse(null));
        HttpResponse<String> r = gw.get("v1/models", Map.of("x-api-key", key));
        assertEquals(429, r.statusCode());
        assertEquals("rate_limit_error", Gw.error(r).getString("type"));
        assertEquals("rate_limit_exceeded", Gw.code(r));
        assertEquals("2", r.headers().firstValue("X-RateLimit-Limit").orElse(null));
        assertEquals("0", r.headers().firstValue("X-RateLimit-Remaining").orElse(null));
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        long reset = Long.parseLong(r.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertTrue(retry >= 1 && retry <= 60 && reset >= 1 && reset <= 60, retry + " " + reset);
        assertTrue(Gw.error(r).getString("message").contains("2 requests per minute"));
    }

    @Test
    void overTheDailyLimitIs429InsufficientQuota() {
        Gw gw = gw();
        // each call reserves 5 + 5×2 = 15 µ$ and costs 5 + 1×2 = 7 µ$: six pass (35 + 15 = 50), the seventh cannot
        String key = gw.key(gw.team("1"), "\"daily_limit\":0.00005").getString("key");
        for (int i = 0; i < 6; i++) {
            assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "hi", 5, false)).statusCode(), "call " + i);
        }
        HttpResponse<String> r = gw.chat(key, Gw.chatBody("demo/echo", "hi", 5, false));
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("insufficient_quota", Gw.error(r).getString("type"));
        assertEquals("daily_limit_exceeded", Gw.code(r));
        assertEquals("0.000050", r.headers().firstValue("X-RateLimit-Limit").orElse(null));
        assertEquals("0.000008", r.headers().firstValue("X-RateLimit-Remaining").orElse(null));
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 25 * 3600, Long.toString(retry));
        assertTrue(Gw.error(r).getString("message").contains("resets at midnight UTC"), r.body());
    }

    @Test
    void aPrepaidTeamWithoutBalanceGets402AndAPostpaidOneDoesNot() {
        Gw gw = gw();
        String poor = gw.team("0.00001");
        HttpResponse<String> r = gw.chat(gw.key(poor, "").getString("key"), Gw.chatBody("demo/echo", "hi", 5, false));
        assertEquals(402, r.statusCode(), r.body());
        assertEquals("insufficient_quota", Gw.error(r).getString("type"));
        assertEquals("insufficient_balance", Gw.code(r));

        String postpaid = gw.team(null);
        assertEquals(200, gw.admin.patch("api/v1/teams/" + postpaid, "{\"billing\":\"postpaid\"}").status());
        assertEquals(200, gw.chat(gw.key(postpaid, "").getString("key"), Gw.chatBody("demo/echo", "hi", 5, false)).statusCode());

        // a top-up is visible to the very next call
        assertEquals(201, gw.admin.post("api/v1/teams/" + poor + "/ledger", "{\"amount\":1,\"note\":\"top-up\"}").status());
        assertEquals(200, gw.chat(gw.key(poor, "").getString("key"), Gw.chatBody("demo/echo", "hi", 5, false)).statusCode());
    }

    @Test
    void badBodiesAre400And413() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "").getString("key");
        HttpResponse<String> bad = gw.chat(key, "{\"model\":\"demo/echo\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("invalid_request_error", Gw.error(bad).getString("type"));
        assertEquals("messages", Gw.error(bad).getString("param"));
        HttpResponse<String> big = gw.chat(key, Gw.chatBody("demo/echo", "x".repeat(110_000), 5, false));
        assertEquals(413, big.statusCode());
        assertEquals("request_too_large", Gw.code(big));
        assertEquals(404, gw.get("v1/nothing", Map.of("x-api-key", key)).statusCode());
        assertEquals(405, gw.get("v1/chat/completions", Map.of("x-api-key", key)).statusCode());
    }

    // ----- relay -----

    @Test
    void relaysToTheUpstreamRewritingOnlyTheModelAndMetersItsUsage() {
        Gw gw = gw();
        String provider = stubProvider(gw);
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        int before = stub.received.size();
        HttpResponse<String> r = gw.chat(key, "{\"model\":\"" + provider + "/ok\",\"temperature\":0.5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(provider + "/ok", Gw.json(r.body()).getString("model"));
        assertTrue(r.body().contains("stub says hi"));
        StubUpstream.Received up = stub.received.get(before);
        assertEquals("ok", up.body().getString("model"));
        assertEquals("Bearer " + UPSTREAM_SECRET, up.authorization());
        assertEquals("0.5", up.body().get("temperature").toString());

        HttpResponse<String> streamed = gw.chat(key, Gw.chatBody(provider + "/ok", "hi", null, true));
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(streamed.body().contains("\"model\":\"" + provider + "/ok\""), streamed.body());
        assertFalse(streamed.body().contains("\"model\":\"ok\""));
        assertTrue(streamed.body().endsWith("data: [DONE]\n\n"));
        assertTrue(stub.received.get(before + 1).body().getJsonObject("stream_options").getBoolean("include_usage"));

        // (11 - 3) × 2.5 + 3 × 1.25 + 7 × 10 = 93.75 µ$ → 94 µ$ per call
        JsonObject usage = gw.usage(created.getString("id"), 2);
        assertEquals(2, usage.getInt("total"));
        for (JsonValue v : usage.getJsonArray("items")) {
            JsonObject rec = v.asJsonObject();
            assertEquals(new BigDecimal("0.000094"), rec.getJsonNumber("cost_usd").bigDecimalValue());
            assertEquals(11, rec.getInt("input_tokens"));
            assertEquals(7, rec.getInt("output_tokens"));
            assertEquals(3, rec.getInt("cached_tokens"));
            assertEquals(2, rec.getInt("reasoning_tokens"));
            assertEquals(provider, rec.getString("provider"));
            assertEquals(provider + "/ok", rec.getString("model"));
            assertEquals(200, rec.getInt("status"));
        }
    }

    @Test
    void aStreamIsPassedOnAsItArrivesNotBuffered() throws Exception {
        Gw gw = gw();
        String provider = stubProvider(gw);
        String key = gw.key(gw.team("1"), "").getString("key");
        HttpRequest request = HttpRequest.newBuilder(gw.api.uri("v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gw.chatBody(provider + "/held", "hi", 10, true))).build();
        // the stub holds the rest of its stream until the first chunk has reached this client
        java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> pending =
                Gw.HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> response = pending.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        java.util.Iterator<String> lines = response.body().iterator();
        String first = lines.next();
        assertTrue(first.startsWith("data: ") && first.contains("\"stub \""), first);
        stub.release.countDown();
        StringBuilder rest = new StringBuilder();
        lines.forEachRemaining(l -> rest.append(l).append('\n'));
        assertTrue(rest.toString().contains("data: [DONE]"), rest.toString());
    }

    @Test
    void upstreamSlownessErrorsAndTimeoutsMapToGatewayErrorsAndCostNothing() {
        Gw gw = gw();
        String provider = stubProvider(gw);
        JsonObject created = gw.key(gw.team("1"), "\"daily_limit\":0.02");
        String key = created.getString("key");
        assertEquals(200, gw.chat(key, Gw.chatBody(provider + "/slow", "hi", 10, false)).statusCode());
        HttpResponse<String> error = gw.chat(key, Gw.chatBody(provider + "/error", "hi", 10, false));
        assertEquals(502, error.statusCode());
        assertEquals("upstream_error", Gw.code(error));
        assertFalse(error.body().contains("boom"), "upstream internals are not passed on");
        HttpResponse<String> timeout = gw.chat(key, Gw.chatBody(provider + "/timeout", "hi", 10, false));
        assertEquals(504, timeout.statusCode());
        assertEquals("upstream_timeout", Gw.code(timeout));
        HttpResponse<String> bad = gw.chat(key, Gw.chatBody(provider + "/bad", "hi", 10, false));
        assertEquals(400, bad.statusCode());
        assertEquals("temperature", Gw.error(bad).getString("param"), "the client's own mistake is passed through");

        String dead = Api.unique("dead");
        assertEquals(201, gw.admin.post("api/v1/providers", "{\"id\":\"" + dead + "\",\"base_url\":\"http://127.0.0.1:9/v1\"}").status());
        assertEquals(201, gw.admin.post("api/v1/models", "{\"id\":\"" + dead + "/m\",\"provider_id\":\"" + dead
                + "\",\"upstream_model\":\"m\",\"input_price\":1,\"output_price\":1,\"max_output_tokens\":10}").status());
        HttpResponse<String> down = gw.chat(key, Gw.chatBody(dead + "/m", "hi", 10, false));
        assertEquals(502, down.statusCode());
        assertEquals("upstream_unavailable", Gw.code(down));

        JsonObject usage = gw.usage(created.getString("id"), 5);
        assertEquals(5, usage.getInt("total"));
        List<String> codes = usage.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .map(o -> o.getInt("status") + ":" + (o.isNull("error_code") ? "" : o.getString("error_code"))).sorted().toList();
        assertEquals(List.of("200:", "400:upstream_400", "502:upstream_error", "502:upstream_unavailable", "504:upstream_timeout"), codes);
        assertEquals(new BigDecimal("0.000094"), Gw.sumCost(usage), "only the slow call that succeeded costs");
        JsonObject info = Gw.json(gw.get("v1/key/info", Map.of("x-api-key", key)).body());
        assertEquals(new BigDecimal("0.000094"), info.getJsonObject("usage_today").getJsonNumber("cost").bigDecimalValue(),
                "failed calls released their reservations");
    }

    @Test
    void anUpstreamThatGoesSilentAfterItsHeadersIsGivenUp() {
        Gw gw = gw();
        String provider = stubProvider(gw);
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        HttpResponse<String> json = gw.chat(key, Gw.chatBody(provider + "/stall", "hi", 10, false));
        assertEquals(504, json.statusCode(), json.body());
        assertEquals("upstream_timeout", Gw.code(json));
        assertTrue(Gw.error(json).getString("message").contains("stopped sending its answer for 1500 ms"), json.body());

        HttpResponse<String> stream = gw.chat(key, Gw.chatBody(provider + "/stall", "hi", 10, true));
        assertEquals(200, stream.statusCode(), "the status line went out with the first chunk");
        assertTrue(stream.body().contains("\"content\":\"stub \""), stream.body());
        assertTrue(stream.body().contains("\"type\":\"api_error\",\"code\":\"upstream_timeout\""),
                "the stream ends with an error event: " + stream.body());

        JsonObject usage = gw.usage(created.getString("id"), 2);
        Map<Integer, JsonObject> byStatus = usage.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .collect(java.util.stream.Collectors.toMap(o -> o.getInt("status"), o -> o));
        assertEquals("upstream_timeout", byStatus.get(504).getString("error_code"));
        assertEquals(0, BigDecimal.ZERO.compareTo(byStatus.get(504).getJsonNumber("cost_usd").bigDecimalValue()),
                "the silent JSON answer released its reservation");
        assertEquals("upstream_timeout", byStatus.get(200).getString("error_code"));
        assertTrue(byStatus.get(200).getJsonNumber("cost_usd").bigDecimalValue().signum() > 0,
                "a stream cut short without its usage chunk is billed at its reservation");
        assertTrue(Gw.json(gw.admin.get("api/v1/gateway/stats").body()).getJsonNumber("upstream_stalled").longValue() >= 2);
    }

    // ----- key info and verify endpoints -----

    @Test
    void keyInfoShowsEffectiveLimitsUsageTodayAndBalance() {
        Gw gw = gw();
        String team = gw.team("2");
        assertEquals(200, gw.admin.patch("api/v1/teams/" + team, "{\"default_rpm_limit\":7,\"time_zone\":\"Europe/Berlin\"}").status());
        String key = gw.key(team, "\"daily_limit\":1.5,\"group\":\"staging\"").getString("key");
        assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "hello there world", 50, false)).statusCode());
        HttpResponse<String> r = gw.get("v1/key/info", Map.of("x-api-key", key));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject info = Gw.json(r.body());
        assertEquals(7, info.getInt("rpm_limit"));
        assertEquals("team", info.getString("rpm_limit_source"));
        assertEquals(new BigDecimal("1.500000"), info.getJsonNumber("daily_limit").bigDecimalValue());
        assertEquals("Europe/Berlin", info.getString("time_zone"));
        assertEquals(1, info.getJsonObject("usage_today").getInt("requests"));
        assertEquals(14, info.getJsonObject("usage_today").getInt("tokens"));
        assertEquals(new BigDecimal("0.000019"), info.getJsonObject("usage_today").getJsonNumber("cost").bigDecimalValue());
        assertEquals(new BigDecimal("1.999981"), info.getJsonObject("team").getJsonNumber("balance").bigDecimalValue());
        assertFalse(r.body().contains(key));
        assertFalse(info.containsKey("key"));
    }

    @Test
    void authVerifyAnswers204OrTheSameErrors() {
        Gw gw = gw();
        String team = gw.team("1");
        JsonObject created = gw.key(team, "\"allowed_models\":[\"demo/*\"],\"rpm_limit\":3");
        String key = created.getString("key");
        HttpResponse<String> ok = gw.get("auth/verify", Map.of("Authorization", "Bearer " + key, "X-Keygate-Model", "demo/echo"));
        assertEquals(204, ok.statusCode());
        assertEquals(created.getString("id"), ok.headers().firstValue("X-Keygate-Key-Id").orElse(null));
        assertEquals("2", ok.headers().firstValue("X-RateLimit-Remaining").orElse(null));
        assertEquals(403, gw.get("auth/verify", Map.of("x-api-key", key, "X-Keygate-Model", "other/model")).statusCode());
        assertEquals(204, gw.get("auth/verify", Map.of("x-api-key", key)).statusCode());
        assertEquals(204, gw.get("auth/verify", Map.of("x-api-key", key)).statusCode());
        HttpResponse<String> limited = gw.get("auth/verify", Map.of("x-api-key", key));
        assertEquals(429, limited.statusCode());
        assertNotNull(limited.headers().firstValue("Retry-After").orElse(null));
        HttpResponse<String> none = gw.get("auth/verify", Map.of());
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
        String walled = gw.key(team, "\"ip_whitelist\":[\"10.0.0.0/8\"]").getString("key");
        assertEquals(403, gw.get("auth/verify", Map.of("x-api-key", walled)).statusCode());
        String broke = gw.key(gw.team(null), "").getString("key");
        HttpResponse<String> unfunded = gw.get("auth/verify", Map.of("x-api-key", broke));
        assertEquals(403, unfunded.statusCode(), "a prepaid team without balance: 403 for auth_request, not 402");
        assertEquals("insufficient_balance", Gw.code(unfunded));
    }

    @Test
    void apiVerifyIsForServiceAccountsAndTellsTheCode() {
        Gw gw = gw();
        String team = gw.team("1");
        JsonObject created = gw.key(team, "\"ip_whitelist\":[\"203.0.113.0/24\"]");
        String key = created.getString("key");
        Api.Resp ok = gw.admin.post("api/v1/verify", "{\"key\":\"" + key + "\",\"model\":\"demo/echo\",\"ip\":\"203.0.113.9\"}");
        assertEquals(200, ok.status(), ok::toString);
        assertTrue(ok.json().getBoolean("valid"));
        assertEquals(created.getString("id"), ok.str("key_id"));
        assertEquals(team, ok.str("team_id"));
        assertEquals(59, ok.json().getInt("remaining"));
        Api.Resp wrongIp = gw.admin.post("api/v1/verify", "{\"key\":\"" + key + "\",\"ip\":\"198.51.100.1\"}");
        assertFalse(wrongIp.json().getBoolean("valid"));
        assertEquals("ip_not_allowed", wrongIp.str("code"));
        Api.Resp noIp = gw.admin.post("api/v1/verify", "{\"key\":\"" + key + "\"}");
        assertEquals("ip_not_allowed", noIp.str("code"));
        assertTrue(noIp.str("message").contains("no client address was given"), noIp::toString);
        Api.Resp unknown = gw.admin.post("api/v1/verify", "{\"key\":\"ck-nope\"}");
        assertEquals("invalid_api_key", unknown.str("code"));
        assertNull(unknown.str("key_id"));

        Fixture fx = new Fixture(gw.api);
        Api service = fx.as(gw.api, fx.orgUser("SERVICE"));
        assertEquals(200, service.post("api/v1/verify", "{\"key\":\"" + key + "\",\"ip\":\"203.0.113.1\"}").status());
        Api auditor = fx.as(gw.api, fx.orgUser("AUDITOR"));
        assertEquals(403, auditor.post("api/v1/verify", "{\"key\":\"" + key + "\"}").status(), "verifying is not read-only");
        Api member = fx.as(gw.api, fx.member(team, "MEMBER"));
        assertEquals(403, member.post("api/v1/verify", "{\"key\":\"" + key + "\"}").status());
    }

    // ----- catalogue API -----

    @Test
    void catalogueIsReadByMembersChangedByOrgAdminsValidatedAndAudited() {
        Gw gw = gw();
        Fixture fx = new Fixture(gw.api);
        String team = gw.team(null);
        Api member = fx.as(gw.api, fx.member(team, "TEAM_ADMIN"));
        String provider = Api.unique("prov");
        assertEquals(403, member.post("api/v1/providers", "{\"id\":\"" + provider + "\",\"base_url\":\"http://127.0.0.1:9/v1\"}").status());
        assertEquals("base_url", gw.admin.post("api/v1/providers", "{\"id\":\"" + provider + "\",\"base_url\":\"ftp://x\"}").problemField());
        assertEquals("credential_ref", gw.admin.post("api/v1/providers", "{\"id\":\"" + provider
                + "\",\"base_url\":\"http://127.0.0.1:9/v1\",\"credential_ref\":\"sk-live-123\"}").problemField());
        Api.Resp created = gw.admin.post("api/v1/providers", "{\"id\":\"" + provider
                + "\",\"base_url\":\"http://127.0.0.1:9/v1/\",\"credential_ref\":\"NOT_SET_ANYWHERE\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals("http://127.0.0.1:9/v1", created.str("base_url"));
        assertFalse(created.json().getBoolean("credential_configured"));

        String model = provider + "/m1";
        assertEquals("input_price", gw.admin.post("api/v1/models", "{\"id\":\"" + model + "\",\"provider_id\":\"" + provider
                + "\",\"upstream_model\":\"m\",\"input_price\":-1,\"output_price\":1,\"max_output_tokens\":10}").problemField());
        assertEquals("provider_id", gw.admin.post("api/v1/models", "{\"id\":\"" + model + "\",\"provider_id\":\"nope\","
                + "\"upstream_model\":\"m\",\"input_price\":1,\"output_price\":1,\"max_output_tokens\":10}").problemField());
        assertEquals(201, gw.admin.post("api/v1/models", "{\"id\":\"" + model + "\",\"provider_id\":\"" + provider
                + "\",\"upstream_model\":\"m\",\"input_price\":0.15,\"output_price\":0.6,\"max_output_tokens\":100}").status());
        Api.Resp read = member.get("api/v1/models/" + model);
        assertEquals(200, read.status(), read::toString);
        assertEquals(new BigDecimal("0.150000"), read.json().getJsonNumber("cached_input_price").bigDecimalValue());
        assertEquals(403, member.patch("api/v1/models/" + model, "{\"output_price\":0}").status());
        Api.Resp patched = gw.admin.patch("api/v1/models/" + model, "{\"output_price\":0.8}");
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(409, gw.admin.delete("api/v1/providers/" + provider).status(), "still has a model");
        assertEquals(204, gw.admin.delete("api/v1/models/" + model).status());
        assertEquals(404, gw.admin.get("api/v1/models/" + model).status());
        assertEquals(204, gw.admin.delete("api/v1/providers/" + provider).status());
        Api.Resp audit = gw.admin.get("api/v1/audit?target_type=model&target_id=" + model);
        assertEquals(200, audit.status(), audit::toString);
        List<String> actions = audit.items().stream().map(v -> v.asJsonObject().getString("action")).toList();
        assertTrue(actions.containsAll(List.of("model.create", "model.update", "model.delete")), actions.toString());
        assertTrue(member.get("api/v1/providers").items().stream()
                .anyMatch(v -> v.asJsonObject().getString("id").equals("demo") && v.asJsonObject().getBoolean("demo")));
    }

    // ----- the official OpenAI Java SDK -----

    private OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gw().api.uri("v1").toString()).maxRetries(0).build();
    }

    @Test
    void theOpenAiSdkCompletesAndStreamsThroughTheGateway() {
        Gw gw = gw();
        String provider = stubProvider(gw);
        String key = gw.key(gw.team("1"), "").getString("key");
        OpenAIClient client = sdk(key);
        try {
            ChatCompletion demo = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("demo/echo").addUserMessage("hello from the sdk").maxCompletionTokens(100).build());
            assertEquals("hello from the sdk", demo.choices().get(0).message().content().orElse(null));
            assertEquals("demo/echo", demo.model());
            assertEquals(5, demo.usage().orElseThrow().completionTokens());

            ChatCompletion relayed = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model(provider + "/ok").addUserMessage("hi").build());
            assertEquals("stub says hi", relayed.choices().get(0).message().content().orElse(null));
            assertEquals(provider + "/ok", relayed.model());

            for (String model : List.of("demo/echo", provider + "/ok")) {
                StringBuilder text = new StringBuilder();
                try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                        ChatCompletionCreateParams.builder().model(model).addUserMessage("stub says hi").build())) {
                    stream.stream().forEach(chunk -> chunk.choices()
                            .forEach(c -> text.append(c.delta().content().orElse(""))));
                }
                assertEquals("stub says hi", text.toString(), model);
            }
        } finally {
            client.close();
        }
    }

    @Test
    void theOpenAiSdkSurfaces401And403And429AsItsExceptions() {
        Gw gw = gw();
        String team = gw.team("1");
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("demo/echo").addUserMessage("hi")
                .maxCompletionTokens(5).build();
        OpenAIClient unknown = sdk("ck-" + "Z".repeat(26) + checksumFor("ck-" + "Z".repeat(26)));
        UnauthorizedException e401 = assertThrows(UnauthorizedException.class, () -> unknown.chat().completions().create(params));
        assertEquals(401, e401.statusCode());
        unknown.close();

        OpenAIClient walled = sdk(gw.key(team, "\"ip_whitelist\":[\"10.0.0.0/8\"]").getString("key"));
        assertEquals(403, assertThrows(PermissionDeniedException.class, () -> walled.chat().completions().create(params)).statusCode());
        walled.close();

        OpenAIClient limited = sdk(gw.key(team, "\"rpm_limit\":1").getString("key"));
        limited.chat().completions().create(params);
        RateLimitException e429 = assertThrows(RateLimitException.class, () -> limited.chat().completions().create(params));
        assertEquals(429, e429.statusCode());
        limited.close();
    }

    /** The key checksum (docs/gateway.md), so tests can make well-formed keys that do not exist. */
    static String checksumFor(String head) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long value = crc.getValue();
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = alphabet.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
