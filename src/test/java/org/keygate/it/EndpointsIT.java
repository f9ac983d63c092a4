package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;

/**
 * The OpenAI endpoints besides chat (docs/gateway.md) from the outside, each through a real stub
 * upstream and through the demo provider: answered and metered once with the upstream's tokens
 * and cost, and refused by the same checks as chat (401, 403 {@code model_not_allowed}, 429 rate
 * limit); the official OpenAI Java SDK as a client.
 */
@SharedServer
class EndpointsIT {

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

    private static HttpResponse<String> post(Gw gw, String path, String key, String body) {
        return Gw.send(HttpRequest.newBuilder(gw.api.uri(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The key's one usage record, once written; the key's day shows that one call and its cost. */
    private static JsonObject onlyRecord(Gw gw, JsonObject created) {
        JsonObject usage = gw.usage(created.getString("id"), 1);
        assertEquals(1, usage.getInt("total"), usage::toString);
        JsonObject record = usage.getJsonArray("items").getJsonObject(0);
        JsonObject today = Gw.json(gw.get("v1/key/info", Map.of("x-api-key", created.getString("key"))).body())
                .getJsonObject("usage_today");
        assertEquals(1, today.getInt("requests"), today::toString);
        assertEquals(0, record.getJsonNumber("cost_usd").bigDecimalValue().compareTo(
                today.getJsonNumber("cost").bigDecimalValue()), "settled once: " + today);
        return record;
    }

    // ----- embeddings -----

    @Test
    void embeddingsAreRelayedWithOnlyTheModelRewrittenAndMeteredOnce() {
        Gw gw = gw();
        String provider = gw.stubProvider("emb", stub.baseUrl(), "ok").str("id");
        JsonObject created = gw.key(gw.team("1"), "");
        int before = stub.received.size();
        HttpResponse<String> r = post(gw, "v1/embeddings", created.getString("key"),
                "{\"model\":\"" + provider + "/ok\",\"input\":[\"one\",\"two\"],\"user\":\"u-1\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(provider + "/ok", Gw.json(r.body()).getString("model"));
        JsonObject up = stub.received.get(before).body();
        assertEquals("ok", up.getString("model"));
        assertEquals("u-1", up.getString("user"));
        assertEquals(false, up.containsKey("stream_options"));

        JsonObject record = onlyRecord(gw, created);
        assertEquals(StubUpstream.PROMPT, record.getInt("input_tokens"));
        assertEquals(0, record.getInt("output_tokens"));
        assertEquals(new BigDecimal("0.000028"), record.getJsonNumber("cost_usd").bigDecimalValue(), "11 × 2.5 = 27.5 µ$");
        assertEquals(provider + "/ok", record.getString("model"));
        assertEquals(200, record.getInt("status"));
    }

    @Test
    void anUpstreamErrorOnEmbeddingsIs502AndCostsNothing() {
        Gw gw = gw();
        String provider = gw.stubProvider("emb", stub.baseUrl(), "error").str("id");
        JsonObject created = gw.key(gw.team("1"), "");
        upstreamErrorCostsNothing(gw, created, "v1/embeddings", "{\"model\":\"" + provider + "/error\",\"input\":\"x\"}");
    }

    /** The upstream's 500 is the client's 502 {@code upstream_error}, recorded once at no cost. */
    private static void upstreamErrorCostsNothing(Gw gw, JsonObject created, String path, String body) {
        HttpResponse<String> r = post(gw, path, created.getString("key"), body);
        assertEquals(502, r.statusCode(), r.body());
        assertEquals("upstream_error", Gw.code(r));
        JsonObject record = onlyRecord(gw, created);
        assertEquals("upstream_error", record.getString("error_code"));
        assertEquals(0, record.getJsonNumber("cost_usd").bigDecimalValue().signum());
    }

    @Test
    void theDemoProviderAnswersEmbeddingsExactly() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "");
        String body = "{\"model\":\"demo/echo\",\"input\":\"hello world\",\"dimensions\":8}";
        HttpResponse<String> r = post(gw, "v1/embeddings", created.getString("key"), body);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = Gw.json(r.body());
        assertEquals(8, answer.getJsonArray("data").getJsonObject(0).getJsonArray("embedding").size());
        assertEquals(3, answer.getJsonObject("usage").getInt("prompt_tokens"));
        assertEquals(answer.getJsonArray("data"), Gw.json(post(gw, "v1/embeddings", created.getString("key"), body).body())
                .getJsonArray("data"), "the same text, the same vector");
        JsonObject usage = gw.usage(created.getString("id"), 2);
        for (var v : usage.getJsonArray("items")) {
            assertEquals(3, v.asJsonObject().getInt("input_tokens"));
            assertEquals(new BigDecimal("0.000003"), v.asJsonObject().getJsonNumber("cost_usd").bigDecimalValue());
        }
    }

    // ----- legacy completions -----

    @Test
    void completionsAreRelayedPlainAndStreamingAndMeteredFromTheirUsage() {
        Gw gw = gw();
        String provider = gw.stubProvider("cmpl", stub.baseUrl(), "ok").str("id");
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        int before = stub.received.size();
        HttpResponse<String> plain = post(gw, "v1/completions", key, "{\"model\":\"" + provider + "/ok\",\"prompt\":\"hi\"}");
        assertEquals(200, plain.statusCode(), plain.body());
        assertEquals(provider + "/ok", Gw.json(plain.body()).getString("model"));
        assertEquals("ok", stub.received.get(before).body().getString("model"));

        HttpResponse<String> streamed = post(gw, "v1/completions", key, "{\"model\":\"" + provider
                + "/ok\",\"prompt\":[\"hi\"],\"stream\":true}");
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(stub.received.get(before + 1).body().getJsonObject("stream_options").getBoolean("include_usage"),
                "Keygate asks the upstream for the usage it bills");
        assertTrue(streamed.body().contains("\"model\":\"" + provider + "/ok\""), streamed.body());
        assertTrue(!streamed.body().contains("\"usage\""), "the client did not ask for usage: " + streamed.body());
        assertTrue(streamed.body().endsWith("data: [DONE]\n\n"), streamed.body());

        meteredAtTheStubsUsage(gw, created, 2);
    }

    /**
     * The key has {@code calls} usage records, each at the stub's token counts and their cost:
     * (11 - 3) × 2.5 + 3 × 1.25 + 7 × 10 = 93.75 µ$ → 94 µ$ per call.
     */
    private static void meteredAtTheStubsUsage(Gw gw, JsonObject created, int calls) {
        JsonObject usage = gw.usage(created.getString("id"), calls);
        assertEquals(calls, usage.getInt("total"), usage::toString);
        for (var v : usage.getJsonArray("items")) {
            JsonObject rec = v.asJsonObject();
            assertEquals(new BigDecimal("0.000094"), rec.getJsonNumber("cost_usd").bigDecimalValue(), rec::toString);
            assertEquals(StubUpstream.PROMPT, rec.getInt("input_tokens"));
            assertEquals(StubUpstream.COMPLETION, rec.getInt("output_tokens"));
            assertEquals(StubUpstream.CACHED, rec.getInt("cached_tokens"));
            assertEquals(StubUpstream.REASONING, rec.getInt("reasoning_tokens"));
            assertEquals(200, rec.getInt("status"));
        }
    }

    @Test
    void theDemoProviderEchoesEachPromptAndTheReservationCountsEveryChoice() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        HttpResponse<String> r = post(gw, "v1/completions", key,
                "{\"model\":\"demo/echo\",\"prompt\":[\"one two\",\"three\"],\"max_tokens\":1}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = Gw.json(r.body());
        assertEquals("text_completion", answer.getString("object"));
        assertEquals("one ", answer.getJsonArray("choices").getJsonObject(0).getString("text"));
        assertEquals("length", answer.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        assertEquals(1, answer.getJsonArray("choices").getJsonObject(1).getInt("index"));
        assertEquals(4, answer.getJsonObject("usage").getInt("prompt_tokens"), "ceil(7/4) + ceil(5/4)");
        assertEquals(2, answer.getJsonObject("usage").getInt("completion_tokens"));

        HttpResponse<String> s = post(gw, "v1/completions", key, "{\"model\":\"demo/echo\",\"prompt\":\"one two\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertEquals(200, s.statusCode(), s.body());
        assertTrue(s.body().contains("\"text\":\"two\""), s.body());
        assertTrue(s.body().contains("\"total_tokens\":4"), s.body());
        assertTrue(s.body().endsWith("data: [DONE]\n\n"), s.body());

        // a prepaid team with 10 µ$: 2 input tokens × $1/M + two prompts × n 3 × 4 096 output tokens × $2/M is refused
        String poor = gw.key(gw.team("0.00001"), "").getString("key");
        HttpResponse<String> many = post(gw, "v1/completions", poor, "{\"model\":\"demo/echo\",\"prompt\":[\"a\",\"b\"],\"n\":3}");
        assertEquals(402, many.statusCode(), many.body());
        assertTrue(Gw.error(many).getString("message").contains("up to $0.049154"), many.body());
    }

    // ----- the Responses API -----

    @Test
    void responsesAreRelayedPlainAndStreamingWithOnlyTheModelReplacedAndMeteredOnceFromTheirUsage() {
        Gw gw = gw();
        String provider = gw.stubProvider("resp", stub.baseUrl(), "ok").str("id");
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        int before = stub.received.size();
        String body = "{\"model\":\"" + provider + "/ok\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"input_text\",\"text\":\"hi\"}]}],\"max_output_tokens\":64,\"store\":false}";
        HttpResponse<String> plain = post(gw, "v1/responses", key, body);
        assertEquals(200, plain.statusCode(), plain.body());
        JsonObject answer = Gw.json(plain.body());
        assertEquals(provider + "/ok", answer.getString("model"));
        assertEquals("resp_stub", answer.getString("id"));
        assertEquals(Gw.json(body.replace(provider + "/ok", "ok")), stub.received.get(before).body(),
                "the client's body with only the model replaced");

        HttpResponse<String> streamed = post(gw, "v1/responses", key, "{\"model\":\"" + provider
                + "/ok\",\"input\":\"hi\",\"stream\":true}");
        assertEquals(200, streamed.statusCode(), streamed.body());
        assertTrue(streamed.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        JsonObject up = stub.received.get(before + 1).body();
        assertEquals(false, up.containsKey("stream_options"), "the Responses API's stream carries its usage anyway");
        assertTrue(streamed.body().startsWith("event: response.created\ndata: {"), streamed.body());
        assertTrue(streamed.body().contains("\"model\":\"" + provider + "/ok\""), streamed.body());
        assertTrue(streamed.body().contains("\"response\":{\"id\":\"resp_stub\""), streamed.body());
        assertTrue(streamed.body().contains("event: response.completed\n"), streamed.body());
        assertTrue(streamed.body().contains("\"output_tokens\":" + StubUpstream.COMPLETION), "passed on as it came");
        assertTrue(!streamed.body().contains("[DONE]"), streamed.body());

        meteredAtTheStubsUsage(gw, created, 2);
        JsonObject today = Gw.json(gw.get("v1/key/info", Map.of("x-api-key", key)).body()).getJsonObject("usage_today");
        assertEquals(2, today.getInt("requests"), today::toString);
        assertEquals(0, new BigDecimal("0.000188").compareTo(today.getJsonNumber("cost").bigDecimalValue()), today::toString);
    }

    @Test
    void theFiltersChecksHoldResponsesBeforeTheUpstreamSeesThemAndMetricsLabelThem() {
        Gw gw = gw();
        String provider = gw.stubProvider("resp", stub.baseUrl(), "ok").str("id");
        String team = gw.team("1");
        String body = "{\"model\":\"" + provider + "/ok\",\"input\":\"hi\"}";
        int before = stub.received.size();
        Scrape metricsBefore = Scrape.of(gw);
        HttpResponse<String> r403 = post(gw, "v1/responses", gw.key(team, "\"allowed_models\":[\"demo/*\"]")
                .getString("key"), body);
        assertEquals(403, r403.statusCode(), r403.body());
        assertEquals("model_not_allowed", Gw.code(r403));

        String limited = gw.key(team, "\"rpm_limit\":1").getString("key");
        assertEquals(200, post(gw, "v1/responses", limited, body).statusCode());
        HttpResponse<String> r429 = post(gw, "v1/responses", limited, body);
        assertEquals(429, r429.statusCode(), r429.body());
        assertEquals("rate_limit_exceeded", Gw.code(r429));
        assertEquals(before + 1, stub.received.size(), "only the admitted call reached the upstream");
        Scrape metrics = Scrape.of(gw);
        for (String outcome : new String[] {"ok", "model_not_allowed", "rate_limit_exceeded"}) {
            assertEquals(1, metrics.delta(metricsBefore, "keygate_gateway_calls_total", "endpoint=\"responses\"",
                    "outcome=\"" + outcome + "\""), outcome);
        }
    }

    @Test
    void anUpstreamsErrorOnResponsesIs502AndCostsNothingAndItsOwn400IsPassedOn() {
        Gw gw = gw();
        String provider = gw.stubProvider("resp", stub.baseUrl(), "error", "bad").str("id");
        JsonObject created = gw.key(gw.team("1"), "");
        upstreamErrorCostsNothing(gw, created, "v1/responses", "{\"model\":\"" + provider
                + "/error\",\"input\":\"x\",\"stream\":true}");

        HttpResponse<String> bad = post(gw, "v1/responses", created.getString("key"),
                "{\"model\":\"" + provider + "/bad\",\"input\":\"x\",\"n\":2}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("unsupported_parameter", Gw.code(bad), "the provider's own error, as it came");
    }

    @Test
    void theDemoProviderAnswersResponsesExactlyAndStopsAtTheCap() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        HttpResponse<String> r = post(gw, "v1/responses", key, "{\"model\":\"demo/echo\",\"instructions\":\"echo\","
                + "\"input\":[{\"role\":\"user\",\"content\":\"one two three\"}]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = Gw.json(r.body());
        assertEquals("response", answer.getString("object"));
        assertEquals("completed", answer.getString("status"));
        assertEquals("one two three", answer.getJsonArray("output").getJsonObject(0).getJsonArray("content")
                .getJsonObject(0).getString("text"));
        assertEquals(13, answer.getJsonObject("usage").getInt("input_tokens"), "two messages: 2 × 4 + ceil(4/4) + ceil(13/4)");
        assertEquals(4, answer.getJsonObject("usage").getInt("output_tokens"));

        HttpResponse<String> s = post(gw, "v1/responses", key, "{\"model\":\"demo/echo\",\"input\":\"one two three\","
                + "\"stream\":true,\"max_output_tokens\":1}");
        assertEquals(200, s.statusCode(), s.body());
        assertTrue(s.body().contains("\"delta\":\"one \""), s.body());
        assertTrue(!s.body().contains("two"), "cut at the cap: " + s.body());
        assertTrue(s.body().contains("event: response.incomplete\n"), s.body());

        JsonObject usage = gw.usage(created.getString("id"), 2);
        assertEquals(2, usage.getInt("total"));
        long[] outputs = usage.getJsonArray("items").stream().mapToLong(v -> v.asJsonObject().getInt("output_tokens"))
                .sorted().toArray();
        assertEquals(List.of(1L, 4L), java.util.Arrays.stream(outputs).boxed().toList());
    }

    // ----- images in the reservation -----

    /**
     * A remote image is a short URL but up to the model's image_tokens: with a model whose images may
     * cost a million tokens ($2.50 at its input price) a $1 team can afford the text call but not the
     * one with an image — refused before the upstream sees it, on chat, the Responses API alike.
     */
    @Test
    void eachImagePartIsReservedAtTheModelsTokensPerImage() {
        Gw gw = gw();
        String provider = gw.stubProvider("img", stub.baseUrl(), "ok").str("id");
        Api.Resp patched = gw.admin.patch("api/v1/models/" + provider + "/ok", "{\"image_tokens\":1000000}");
        assertEquals(200, patched.status(), patched::toString);
        assertEquals(1_000_000, patched.json().getInt("image_tokens"));
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        String image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.org/cat.png\"}}";
        int before = stub.received.size();

        HttpResponse<String> text = post(gw, "v1/chat/completions", key, "{\"model\":\"" + provider + "/ok\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"}]}]}");
        assertEquals(200, text.statusCode(), text.body());
        HttpResponse<String> withImage = post(gw, "v1/chat/completions", key, "{\"model\":\"" + provider + "/ok\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is this\"}," + image + "]}]}");
        assertEquals(402, withImage.statusCode(), withImage.body());
        assertEquals("insufficient_balance", Gw.code(withImage));
        HttpResponse<String> responses = post(gw, "v1/responses", key, "{\"model\":\"" + provider + "/ok\",\"input\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"https://example.org/cat.png\"}]}]}");
        assertEquals(402, responses.statusCode(), responses.body());
        assertEquals(before + 1, stub.received.size(), "only the text call reached the upstream");

        assertEquals(200, gw.admin.patch("api/v1/models/" + provider + "/ok", "{\"image_tokens\":1000}").status());
        Eventually.await("the catalogue change on the gateway").until(
                () -> post(gw, "v1/chat/completions", key, "{\"model\":\"" + provider + "/ok\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":[" + image + "]}]}").statusCode(), status -> status == 200);
    }

    // ----- the same checks on every endpoint -----

    /** A valid demo body per endpoint. */
    private static final Map<String, String> DEMO_BODIES = Map.of(
            "v1/embeddings", "{\"model\":\"demo/echo\",\"input\":\"hi\"}",
            "v1/completions", "{\"model\":\"demo/echo\",\"prompt\":\"hi\"}",
            "v1/responses", "{\"model\":\"demo/echo\",\"input\":\"hi\"}");

    @Test
    void everyEndpointRefusesLikeChat401And403And429And400() {
        Gw gw = gw();
        String team = gw.team("1");
        String unknown = "ck-" + "Y".repeat(26) + GatewayIT.checksumFor("ck-" + "Y".repeat(26));
        for (Map.Entry<String, String> e : DEMO_BODIES.entrySet()) {
            String path = e.getKey();
            HttpResponse<String> r401 = post(gw, path, unknown, e.getValue());
            assertEquals(401, r401.statusCode(), path + ": " + r401.body());
            assertEquals("invalid_api_key", Gw.code(r401));
            assertTrue(r401.headers().firstValue("WWW-Authenticate").isPresent(), path);

            String stubOnly = gw.key(team, "\"allowed_models\":[\"nothere/*\"]").getString("key");
            HttpResponse<String> r403 = post(gw, path, stubOnly, e.getValue());
            assertEquals(403, r403.statusCode(), path + ": " + r403.body());
            assertEquals("model_not_allowed", Gw.code(r403));

            String limited = gw.key(team, "\"rpm_limit\":1").getString("key");
            assertEquals(200, post(gw, path, limited, e.getValue()).statusCode(), path);
            HttpResponse<String> r429 = post(gw, path, limited, e.getValue());
            assertEquals(429, r429.statusCode(), path + ": " + r429.body());
            assertEquals("rate_limit_exceeded", Gw.code(r429));
            assertTrue(r429.headers().firstValue("Retry-After").isPresent(), path);

            String any = gw.key(team, "").getString("key");
            HttpResponse<String> r400 = post(gw, path, any, "{\"model\":\"demo/echo\",\"input\":[1,\"x\"],\"prompt\":{}}");
            assertEquals(400, r400.statusCode(), path + ": " + r400.body());
            assertEquals("invalid_request", Gw.code(r400));
            assertEquals(405, gw.get(path, Map.of("x-api-key", any)).statusCode(), path);
        }
    }

    @Test
    void aPrepaidTeamWithoutBalanceGets402OnEveryEndpoint() {
        Gw gw = gw();
        String key = gw.key(gw.team("0.000001"), "").getString("key");
        for (Map.Entry<String, String> e : DEMO_BODIES.entrySet()) {
            String body = e.getValue().replace("\"hi\"", "\"" + "x".repeat(400) + "\"");
            HttpResponse<String> r = post(gw, e.getKey(), key, body);
            assertEquals(402, r.statusCode(), e.getKey() + ": " + r.body());
            assertEquals("insufficient_balance", Gw.code(r));
        }
    }

    // ----- the official OpenAI Java SDK -----

    private OpenAIClient sdk(String key) {
        return OpenAIOkHttpClient.builder().apiKey(key).baseUrl(gw().api.uri("v1").toString()).maxRetries(0)
                .responseValidation(true).build();
    }

    @Test
    void theOpenAiSdkCallsEmbeddingsThroughTheGateway() {
        Gw gw = gw();
        String provider = gw.stubProvider("emb", stub.baseUrl(), "ok").str("id");
        OpenAIClient client = sdk(gw.key(gw.team("1"), "").getString("key"));
        try {
            CreateEmbeddingResponse demo = client.embeddings().create(EmbeddingCreateParams.builder().model("demo/echo")
                    .input("hello from the sdk").build());
            assertEquals(16, demo.data().get(0).embedding().size());
            assertEquals(5, demo.usage().promptTokens());
            CreateEmbeddingResponse relayed = client.embeddings().create(EmbeddingCreateParams.builder()
                    .model(provider + "/ok").input("hi").encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());
            assertEquals(List.of(0.5f, -0.25f), relayed.data().get(0).embedding());
            assertEquals(provider + "/ok", relayed.model());
        } finally {
            client.close();
        }
        OpenAIClient unknown = sdk("ck-" + "X".repeat(26) + GatewayIT.checksumFor("ck-" + "X".repeat(26)));
        try {
            UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> unknown.embeddings()
                    .create(EmbeddingCreateParams.builder().model("demo/echo").input("hi").build()));
            assertEquals(401, e.statusCode());
        } finally {
            unknown.close();
        }
    }

    /** The text of a response's first output message. */
    private static String text(Response response) {
        return response.output().get(0).asMessage().content().get(0).asOutputText().text();
    }

    /** A streamed response's deltas put together, and its final usage from response.completed or .incomplete. */
    private static String streamed(OpenAIClient client, ResponseCreateParams params, ResponseUsage[] usage) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> events = client.responses().createStreaming(params)) {
            events.stream().forEach(e -> {
                e.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                e.completed().ifPresent(c -> usage[0] = c.response().usage().orElseThrow());
                e.incomplete().ifPresent(c -> usage[0] = c.response().usage().orElseThrow());
            });
        }
        return text.toString();
    }

    @Test
    void theOpenAiSdkCallsResponsesThroughTheGatewayPlainAndStreaming() {
        Gw gw = gw();
        String provider = gw.stubProvider("resp", stub.baseUrl(), "ok").str("id");
        JsonObject created = gw.key(gw.team("1"), "");
        OpenAIClient client = sdk(created.getString("key"));
        try {
            Response demo = client.responses().create(ResponseCreateParams.builder().model("demo/echo")
                    .input("hello from the sdk").build());
            assertEquals("hello from the sdk", text(demo));
            assertEquals(ResponseStatus.COMPLETED, demo.status().orElseThrow());
            assertEquals(9, demo.usage().orElseThrow().inputTokens(), "4 + ceil(18 / 4)");
            assertEquals(5, demo.usage().orElseThrow().outputTokens());

            ResponseUsage[] usage = new ResponseUsage[1];
            assertEquals("hello from the sdk", streamed(client, ResponseCreateParams.builder().model("demo/echo")
                    .input("hello from the sdk").build(), usage));
            assertEquals(5, usage[0].outputTokens());
            assertEquals("hello fr", streamed(client, ResponseCreateParams.builder().model("demo/echo")
                    .input("hello from the sdk").maxOutputTokens(2L).build(), usage), "cut at 2 tokens: 8 bytes");
            assertEquals(2, usage[0].outputTokens());

            Response relayed = client.responses().create(ResponseCreateParams.builder().model(provider + "/ok")
                    .input("hi").build());
            assertEquals("stub says hi", text(relayed));
            assertEquals(provider + "/ok", relayed.model().asString());
            assertEquals(StubUpstream.REASONING, relayed.usage().orElseThrow().outputTokensDetails().reasoningTokens());
            assertEquals("stub says hi", streamed(client, ResponseCreateParams.builder().model(provider + "/ok")
                    .input("hi").build(), usage));
            assertEquals(StubUpstream.PROMPT, usage[0].inputTokens());
        } finally {
            client.close();
        }
        JsonObject usage = gw.usage(created.getString("id"), 5);
        assertEquals(5, usage.getInt("total"), "each call metered once: " + usage);

        ResponseCreateParams hi = ResponseCreateParams.builder().model("demo/echo").input("hi").build();
        OpenAIClient unknown = sdk("ck-" + "W".repeat(26) + GatewayIT.checksumFor("ck-" + "W".repeat(26)));
        try {
            assertEquals(401, assertThrows(UnauthorizedException.class, () -> unknown.responses().create(hi)).statusCode());
        } finally {
            unknown.close();
        }
        OpenAIClient stubOnly = sdk(gw.key(gw.team("1"), "\"allowed_models\":[\"" + provider + "/*\"]").getString("key"));
        try {
            PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> stubOnly.responses().create(hi));
            assertEquals(403, e.statusCode());
        } finally {
            stubOnly.close();
        }
        OpenAIClient limited = sdk(gw.key(gw.team("1"), "\"rpm_limit\":1").getString("key"));
        try {
            limited.responses().create(hi);
            RateLimitException e = assertThrows(RateLimitException.class, () -> limited.responses().create(hi));
            assertEquals(429, e.statusCode());
        } finally {
            limited.close();
        }
    }
}
