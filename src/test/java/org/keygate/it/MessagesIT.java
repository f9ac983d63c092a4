package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;

/**
 * Anthropic's {@code POST /v1/messages} (docs/gateway.md) from the outside: relayed to a stub
 * Anthropic upstream with the provider's credential as {@code x-api-key} and the client's
 * {@code anthropic-version}, metered once from the upstream's usage (JSON and stream), answered by
 * the demo provider, refused by the same checks as chat in Anthropic's error shape, and a
 * provider's API kept to its endpoint; the official Anthropic Java SDK as a client.
 */
@SharedServer
class MessagesIT {

    @RegisterExtension
    static final StubUpstream.PerClass STUB = new StubUpstream.PerClass();

    @SharedServer.Url
    URL url;

    private Gw gw() {
        return new Gw(Api.at(url));
    }

    private static HttpResponse<String> post(Gw gw, String path, String key, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gw.api.uri(path)).header("x-api-key", key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Gw.send(b);
    }

    /** An anthropic-kind provider at the stub with these upstream models; answers its id. */
    private static String anthropic(Gw gw, String... models) {
        return gw.stubProvider("anthropic", "ant", STUB.get().baseUrl(), models).str("id");
    }

    private static String body(String model, String text, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"" + text
                + "\"}]" + (stream ? ",\"stream\":true" : "") + "}";
    }

    /** An Anthropic-shaped error with Keygate's code; answers its {@code error}. */
    private static JsonObject anthropicError(HttpResponse<String> r, int status, String type, String code) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = Gw.json(r.body());
        assertEquals("error", body.getString("type"), r.body());
        JsonObject error = body.getJsonObject("error");
        assertEquals(type, error.getString("type"), r.body());
        assertEquals(code, error.getString("code"), r.body());
        return error;
    }

    // ----- relayed to an anthropic provider -----

    @Test
    void aMessageIsRelayedWithTheProvidersCredentialAndMeteredOnceFromTheUpstreamsUsage() {
        Gw gw = gw();
        String provider = anthropic(gw, "ok");
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        int before = STUB.get().received.size();
        HttpResponse<String> plain = post(gw, "v1/messages", key, body(provider + "/ok", "hi", false));
        assertEquals(200, plain.statusCode(), plain.body());
        JsonObject message = Gw.json(plain.body());
        assertEquals(provider + "/ok", message.getString("model"), "the catalogue id goes back");
        assertEquals("stub says hi", message.getJsonArray("content").getJsonObject(0).getString("text"));
        StubUpstream.Received up = STUB.get().received.get(before);
        assertEquals("ok", up.body().getString("model"));
        assertEquals(100, up.body().getInt("max_tokens"));
        assertEquals(SharedServer.UPSTREAM_SECRET, up.headers().getFirst("x-api-key"), "the provider's credential");
        assertNull(up.authorization(), "no bearer token for Anthropic");
        assertEquals("2023-06-01", up.headers().getFirst("anthropic-version"), "the default version");
        assertNull(up.headers().getFirst("anthropic-beta"));

        HttpResponse<String> streamed = post(gw, "v1/messages", key, body(provider + "/ok", "hi", true),
                "anthropic-version", "2024-10-22", "anthropic-beta", "prompt-caching-2024-07-31");
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(streamed.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertTrue(streamed.body().startsWith("event: message_start\ndata: "), streamed.body());
        assertTrue(streamed.body().contains("\"model\":\"" + provider + "/ok\""), streamed.body());
        assertTrue(streamed.body().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), streamed.body());
        StubUpstream.Received upStream = STUB.get().received.get(before + 1);
        assertEquals(SharedServer.UPSTREAM_SECRET, upStream.headers().getFirst("x-api-key"));
        assertEquals("2024-10-22", upStream.headers().getFirst("anthropic-version"), "the client's version");
        assertEquals("prompt-caching-2024-07-31", upStream.headers().getFirst("anthropic-beta"));
        assertFalse(upStream.body().containsKey("stream_options"), "nothing added for Anthropic");

        // input 6 + 2 written + 3 read = 11, 3 of them cached: (11 - 3) × 2.5 + 3 × 1.25 + 7 × 10 = 93.75 µ$ → 94 µ$
        JsonObject usage = gw.usage(created.getString("id"), 2);
        assertEquals(2, usage.getInt("total"), usage::toString);
        for (var v : usage.getJsonArray("items")) {
            JsonObject rec = v.asJsonObject();
            assertEquals(StubUpstream.PROMPT, rec.getInt("input_tokens"), rec::toString);
            assertEquals(StubUpstream.COMPLETION, rec.getInt("output_tokens"), "the message_delta's, not the start's 1");
            assertEquals(StubUpstream.CACHED, rec.getInt("cached_tokens"));
            assertEquals(new BigDecimal("0.000094"), rec.getJsonNumber("cost_usd").bigDecimalValue(), rec::toString);
            assertEquals(200, rec.getInt("status"));
        }
        JsonObject today = Gw.json(gw.get("v1/key/info", Map.of("x-api-key", key)).body()).getJsonObject("usage_today");
        assertEquals(2, today.getInt("requests"), today::toString);
        assertEquals(0, new BigDecimal("0.000188").compareTo(today.getJsonNumber("cost").bigDecimalValue()),
                "settled once each: " + today);
    }

    @Test
    void theUpstreamsOwn400IsPassedOnAsItCameAndItsOtherErrorsAre502InAnthropicsShape() {
        Gw gw = gw();
        String provider = anthropic(gw, "bad", "overloaded");
        JsonObject created = gw.key(gw.team("1"), "");
        HttpResponse<String> bad = post(gw, "v1/messages", created.getString("key"), body(provider + "/bad", "hi", false));
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"temperature: too high\"}}",
                bad.body());
        HttpResponse<String> overloaded = post(gw, "v1/messages", created.getString("key"),
                body(provider + "/overloaded", "hi", false));
        anthropicError(overloaded, 502, "api_error", "upstream_error");
        JsonObject usage = gw.usage(created.getString("id"), 2);
        for (var v : usage.getJsonArray("items")) {
            assertEquals(0, v.asJsonObject().getJsonNumber("cost_usd").bigDecimalValue().signum(), v::toString);
        }
    }

    @Test
    void aProviderServesOnlyItsOwnApi() {
        Gw gw = gw();
        String anthropic = anthropic(gw, "ok");
        String openai = gw.stubProvider("oai", STUB.get().baseUrl(), "ok").str("id");
        String key = gw.key(gw.team("1"), "").getString("key");
        int before = STUB.get().received.size();
        JsonObject onMessages = anthropicError(post(gw, "v1/messages", key, body(openai + "/ok", "hi", false)), 400,
                "invalid_request_error", "invalid_request");
        assertEquals("model", onMessages.getString("param"));
        assertTrue(onMessages.getString("message").contains("OpenAI-compatible"), onMessages.toString());
        HttpResponse<String> onChat = gw.chat(key, Gw.chatBody(anthropic + "/ok", "hi", 10, false));
        assertEquals(400, onChat.statusCode(), onChat.body());
        assertEquals("invalid_request", Gw.code(onChat));
        assertTrue(Gw.error(onChat).getString("message").contains("/v1/messages"), onChat.body());
        assertEquals(before, STUB.get().received.size(), "neither went upstream");
    }

    @Test
    void anAnthropicProvidersBaseUrlIsAnthropicsApiUnlessOneIsGiven() {
        Gw gw = gw();
        String id = Api.unique("ant");
        Api.Resp created = gw.admin.post("api/v1/providers", "{\"id\":\"" + id + "\",\"kind\":\"anthropic\","
                + "\"credential_ref\":\"ANTHROPIC_API_KEY\"}");
        assertEquals(201, created.status(), created::toString);
        assertEquals("anthropic", created.json().getString("kind"));
        assertEquals("https://api.anthropic.com/v1", created.json().getString("base_url"));
        Api.Resp own = gw.admin.post("api/v1/providers", "{\"id\":\"" + Api.unique("ant") + "\",\"kind\":\"anthropic\","
                + "\"base_url\":\"https://claude.internal.example/v1/\"}");
        assertEquals(201, own.status(), own::toString);
        assertEquals("https://claude.internal.example/v1", own.json().getString("base_url"));
        Api.Resp bad = gw.admin.post("api/v1/providers", "{\"id\":\"" + Api.unique("ant") + "\",\"kind\":\"anthropic\","
                + "\"base_url\":\"ftp://x\"}");
        assertEquals(400, bad.status(), bad::toString);
        assertEquals(400, gw.admin.post("api/v1/providers", "{\"id\":\"" + Api.unique("oai") + "\",\"kind\":\"openai\"}")
                .status(), "openai still needs one");
    }

    // ----- the demo provider -----

    @Test
    void theDemoProviderAnswersMessagesExactlyJsonAndStreamed() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        HttpResponse<String> plain = post(gw, "v1/messages", key, "{\"model\":\"demo/echo\",\"max_tokens\":2,\"system\":"
                + "\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello world\"}]}]}");
        assertEquals(200, plain.statusCode(), plain.body());
        JsonObject message = Gw.json(plain.body());
        assertEquals("hello wo", message.getJsonArray("content").getJsonObject(0).getString("text"), "cut to 2 tokens");
        assertEquals("max_tokens", message.getString("stop_reason"));
        assertTrue(message.getString("id").startsWith("msg_"), message.toString());
        assertEquals(4 + 2 + 4 + 3, message.getJsonObject("usage").getInt("input_tokens"));
        assertEquals(2, message.getJsonObject("usage").getInt("output_tokens"));

        HttpResponse<String> streamed = post(gw, "v1/messages", key, body("demo/echo", "one two", true));
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(streamed.body().contains("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"two\"}}"), streamed.body());
        assertTrue(streamed.body().contains("\"usage\":{\"output_tokens\":2}"), streamed.body());

        // 13 × $1/M + 2 × $2/M = 17 µ$; 6 × $1/M + 2 × $2/M = 10 µ$
        JsonObject usage = gw.usage(created.getString("id"), 2);
        assertEquals(new BigDecimal("0.000027"), Gw.sumCost(usage), usage::toString);
    }

    // ----- the checks, in Anthropic's shape -----

    @Test
    void theFiltersRefusalsAreAnthropicShapedWithKeygatesCode() {
        Gw gw = gw();
        String team = gw.team("1");
        String unknown = "ck-" + "Z".repeat(26) + GatewayIT.checksumFor("ck-" + "Z".repeat(26));
        HttpResponse<String> r401 = post(gw, "v1/messages", unknown, body("demo/echo", "hi", false));
        anthropicError(r401, 401, "authentication_error", "invalid_api_key");
        assertTrue(r401.headers().firstValue("WWW-Authenticate").isPresent());

        String elsewhere = gw.key(team, "\"allowed_models\":[\"nothere/*\"]").getString("key");
        anthropicError(post(gw, "v1/messages", elsewhere, body("demo/echo", "hi", false)), 403, "permission_error",
                "model_not_allowed");

        String limited = gw.key(team, "\"rpm_limit\":1").getString("key");
        assertEquals(200, post(gw, "v1/messages", limited, body("demo/echo", "hi", false)).statusCode());
        HttpResponse<String> r429 = post(gw, "v1/messages", limited, body("demo/echo", "hi", false));
        anthropicError(r429, 429, "rate_limit_error", "rate_limit_exceeded");
        assertTrue(r429.headers().firstValue("Retry-After").isPresent());
        assertEquals("0", r429.headers().firstValue("X-RateLimit-Remaining").orElse(null));

        String any = gw.key(team, "").getString("key");
        JsonObject noMax = anthropicError(post(gw, "v1/messages", any, "{\"model\":\"demo/echo\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}"), 400, "invalid_request_error", "invalid_request");
        assertEquals("max_tokens", noMax.getString("param"));
        anthropicError(post(gw, "v1/messages", any, body("demo/nothere", "hi", false)), 404, "not_found_error",
                "model_not_found");
        anthropicError(gw.get("v1/messages", Map.of("x-api-key", any)), 405, "invalid_request_error", "method_not_allowed");
        String poor = gw.key(gw.team("0.000001"), "").getString("key");
        anthropicError(post(gw, "v1/messages", poor, body("demo/echo", "x".repeat(400), false)), 402, "billing_error",
                "insufficient_balance");
    }

    // ----- the official Anthropic Java SDK -----

    private AnthropicClient sdk(String key) {
        String root = gw().api.uri("").toString();
        return AnthropicOkHttpClient.builder().apiKey(key).baseUrl(root.substring(0, root.length() - 1)).maxRetries(0)
                .build();
    }

    private static MessageCreateParams params(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(100).addUserMessage(text).build();
    }

    /** The SDK's own stream reading: every event parsed and accumulated into the final message. */
    private static Message streamed(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(params)) {
            events.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void theAnthropicSdkCreatesAndStreamsMessagesThroughTheGateway() {
        Gw gw = gw();
        String provider = anthropic(gw, "ok");
        JsonObject created = gw.key(gw.team("1"), "");
        AnthropicClient client = sdk(created.getString("key"));
        try {
            Message demo = client.messages().create(params("demo/echo", "hello from the sdk"));
            assertEquals("hello from the sdk", demo.content().get(0).asText().text());
            assertEquals(StopReason.END_TURN, demo.stopReason().orElseThrow());
            assertEquals(4 + 5, demo.usage().inputTokens());
            assertEquals(5, demo.usage().outputTokens());
            Message demoStream = streamed(client, params("demo/echo", "streamed to the sdk"));
            assertEquals("streamed to the sdk", demoStream.content().get(0).asText().text());
            assertEquals(5, demoStream.usage().outputTokens());

            Message relayed = client.messages().create(params(provider + "/ok", "hi"));
            assertEquals(provider + "/ok", relayed.model().asString());
            assertEquals("stub says hi", relayed.content().get(0).asText().text());
            assertEquals((long) StubUpstream.CACHED, relayed.usage().cacheReadInputTokens().orElseThrow().longValue());
            Message relayedStream = streamed(client, params(provider + "/ok", "hi"));
            assertEquals("stub says hi", relayedStream.content().get(0).asText().text());
            assertEquals(StubUpstream.COMPLETION, relayedStream.usage().outputTokens());
        } finally {
            client.close();
        }
        JsonObject usage = gw.usage(created.getString("id"), 4);
        assertEquals(4, usage.getInt("total"), usage::toString);
    }

    @Test
    void theAnthropicSdkRaisesItsOwnExceptionsForTheGatewaysRefusals() {
        Gw gw = gw();
        String team = gw.team("1");
        AnthropicClient unknown = sdk("ck-" + "W".repeat(26) + GatewayIT.checksumFor("ck-" + "W".repeat(26)));
        try {
            UnauthorizedException e = assertThrows(UnauthorizedException.class,
                    () -> unknown.messages().create(params("demo/echo", "hi")));
            assertEquals(401, e.statusCode());
            assertEquals(ErrorType.AUTHENTICATION_ERROR, e.type().orElseThrow());
        } finally {
            unknown.close();
        }
        AnthropicClient elsewhere = sdk(gw.key(team, "\"allowed_models\":[\"nothere/*\"]").getString("key"));
        try {
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
                    () -> elsewhere.messages().create(params("demo/echo", "hi")));
            assertEquals(ErrorType.PERMISSION_ERROR, e.type().orElseThrow());
            assertTrue(e.apiMessage().orElseThrow().contains("demo/echo"), e.apiMessage().toString());
        } finally {
            elsewhere.close();
        }
        AnthropicClient limited = sdk(gw.key(team, "\"rpm_limit\":1").getString("key"));
        try {
            limited.messages().create(params("demo/echo", "hi"));
            AnthropicServiceException e = assertThrows(RateLimitException.class,
                    () -> limited.messages().create(params("demo/echo", "hi")));
            assertEquals(429, e.statusCode());
            assertTrue(e.headers().values("Retry-After").size() == 1, "Retry-After");
        } finally {
            limited.close();
        }
    }
}
