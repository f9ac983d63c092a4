package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The asynchronous relay from the outside, against a real stub upstream: many slow calls held at
 * once without a thread each, a client that leaves mid-stream (the upstream connection is closed
 * at once, the call metered once as {@code client_disconnected}), a stream whose usage only
 * Keygate asked for (the client gets the stream it asked for), every way a call can end
 * metered exactly once, and readiness telling how each upstream answered (a 500, a stopped
 * upstream) while staying up. Chat's, the Responses API's and Anthropic's Messages API's streams
 * end the same way when the client leaves or the upstream stalls ({@link Streamed}).
 */
@SharedServer
class RelayIT {

    /** More concurrent calls than a thread-per-call relay holds on Payara Micro's pool (about 186). */
    private static final int CONCURRENT = 300;

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

    /** A provider pointing at the stub with the given upstream models; returns its id. */
    private String provider(Gw gw, String... models) {
        return gw.stubProvider("relay", stub.baseUrl(), models).str("id");
    }

    /**
     * The streaming endpoints: where they are, the provider kind that serves them, a
     * streaming body ({@code bodyFormat} of the model and at most how many tokens), and how the last
     * event of a stream that timed out after its first begins (OpenAI's {@code data:} error block,
     * Anthropic's {@code error} event).
     */
    record Streamed(String path, String kind, String bodyFormat, String errorEvent) {

        static final Streamed CHAT = new Streamed("v1/chat/completions", "openai",
                "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":%d,\"stream\":true}",
                "\n\ndata: {\"error\":{");
        static final Streamed RESPONSES = new Streamed("v1/responses", "openai",
                "{\"model\":\"%s\",\"input\":\"hi\",\"max_output_tokens\":%d,\"stream\":true}",
                "\n\ndata: {\"error\":{");
        static final Streamed MESSAGES = new Streamed("v1/messages", "anthropic",
                "{\"model\":\"%s\",\"max_tokens\":%d,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}",
                "\n\nevent: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",");

        String body(String model, int maxTokens) {
            return String.format(java.util.Locale.ROOT, bodyFormat, model, maxTokens);
        }

        /** A provider of this endpoint's kind pointing at the stub with the given upstream models; returns its id. */
        String provider(Gw gw, String... models) {
            return gw.stubProvider(kind, "relay", stub.baseUrl(), models).str("id");
        }

        @Override
        public String toString() {
            return path;
        }
    }

    static List<Streamed> streamed() {
        return List.of(Streamed.CHAT, Streamed.RESPONSES, Streamed.MESSAGES);
    }

    /** A new team with $1 of credit and a key of it. */
    private record Funded(String team, String keyId, String key) {

        static Funded in(Gw gw) {
            String team = gw.team("1");
            JsonObject created = gw.key(team, "");
            return new Funded(team, created.getString("id"), created.getString("key"));
        }
    }

    @Test
    void manySlowCallsAreAllInFlightAtTheUpstreamAtOnce() throws Exception {
        Gw gw = gw();
        String model = "gather-" + CONCURRENT;
        String provider = provider(gw, model);
        JsonObject created = gw.key(gw.team("10"), "\"rpm_limit\":10000");
        String key = created.getString("key");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            calls.add(Gw.HTTP.sendAsync(HttpRequest.newBuilder(gw.api.uri("v1/chat/completions"))
                    .timeout(Duration.ofSeconds(90)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Gw.chatBody(provider + "/" + model, "hi " + i, 10, false)))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(120, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"model\":\"" + provider + "/" + model + "\""), r.body());
            ok++;
        }
        assertEquals(CONCURRENT, ok);
        assertEquals(CONCURRENT, stub.mostGathered(), "every call was at the upstream at the same time");
        assertEquals(CONCURRENT, gw.usage(created.getString("id"), CONCURRENT).getInt("total"));
    }

    /**
     * A stream the client leaves after its first event: the upstream's connection is closed at
     * once, and no usage has come (chat's and a Responses stream's is in its last event, an
     * Anthropic stream's from its first {@code message_delta}, which never came:
     * {@code message_start}'s provisional counts are not the bill), so the call is one
     * {@code client_disconnected} record billed at exactly its reservation, settled once.
     */
    @ParameterizedTest
    @MethodSource("streamed")
    void aClientThatLeavesMidStreamCancelsTheUpstreamAndIsBilledItsReservationOnce(Streamed api)
            throws Exception {
        Gw gw = gw();
        String provider = api.provider(gw, "drip");
        Funded funded = Funded.in(gw);
        stub.dripEnds.clear();
        String body = api.body(provider + "/drip", 50);

        String first = readFirstEventAndLeave(gw, api.path(), funded.key(), body);
        assertTrue(first.contains("\"model\":\"" + provider + "/drip\""), first);
        upstreamClosedBeforeTheEnd();

        JsonObject record = onlyRecord(gw, funded, "client_disconnected");
        assertEquals(0, Gw.stubReservation(body, 50).compareTo(record.getJsonNumber("cost_usd").bigDecimalValue()),
                "billed at its reservation: " + record);
    }

    /**
     * A stream whose upstream goes silent after its first events: after the
     * idle timeout the client gets the stream's error event ({@code upstream_timeout}; on
     * {@code /v1/messages} Anthropic's {@code timeout_error}) and the call is billed at its
     * reservation, once, as every stream without its usage.
     */
    @ParameterizedTest
    @MethodSource("streamed")
    void anUpstreamThatStallsMidStreamEndsItWithATimeoutEventBilledItsReservationOnce(Streamed api) {
        Gw gw = gw();
        String provider = api.provider(gw, "stall");
        Funded funded = Funded.in(gw);
        String body = api.body(provider + "/stall", 40);

        HttpResponse<String> r = Gw.send(HttpRequest.newBuilder(gw.api.uri(api.path()))
                .header("Authorization", "Bearer " + funded.key())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"stub \""), "the events before the stall were passed on: " + r.body());
        int last = r.body().lastIndexOf(api.errorEvent());
        assertTrue(last > 0, "the stream's last event is its error: " + r.body());
        String error = r.body().substring(last);
        assertTrue(error.contains("\"code\":\"upstream_timeout\""), error);
        assertTrue(error.endsWith("}}\n\n") && error.indexOf("\n\n", 2) == error.length() - 2, "nothing after it: " + error);

        JsonObject record = onlyRecord(gw, funded, "upstream_timeout");
        assertEquals(0, Gw.stubReservation(body, 40).compareTo(record.getJsonNumber("cost_usd").bigDecimalValue()),
                "billed at its reservation: " + record);
    }

    /**
     * The one usage record of a key's one streamed call, ended with {@code errorCode} after its
     * status line went out; the key's day and the team's balance (of $1) settled at its cost once.
     */
    private static JsonObject onlyRecord(Gw gw, Funded funded, String errorCode) {
        JsonObject usage = gw.usage(funded.keyId(), 1);
        assertEquals(1, usage.getInt("total"), usage::toString);
        JsonObject record = usage.getJsonArray("items").getJsonObject(0);
        assertEquals(errorCode, record.getString("error_code"), record::toString);
        assertEquals(200, record.getInt("status"), "the status line had gone out");
        BigDecimal cost = record.getJsonNumber("cost_usd").bigDecimalValue();
        JsonObject today = Gw.json(gw.get("v1/key/info", Map.of("x-api-key", funded.key())).body())
                .getJsonObject("usage_today");
        assertEquals(1, today.getInt("requests"), today::toString);
        assertEquals(0, cost.compareTo(today.getJsonNumber("cost").bigDecimalValue()), "settled once: " + today);
        gw.balanceOnceItIs(funded.team(), BigDecimal.ONE.subtract(cost));
        return record;
    }

    /** The stub's {@code drip} call ended with its connection closed by the gateway, long before its last event. */
    private static void upstreamClosedBeforeTheEnd() throws InterruptedException {
        Integer written = stub.dripEnds.poll(60, TimeUnit.SECONDS);
        assertNotNull(written, "the upstream call ended");
        assertTrue(written >= 0, "the upstream saw its connection closed instead of sending all it had");
        assertTrue(written < StubUpstream.DRIP_EVENTS, "closed after " + written + " events");
    }

    @Test
    void usageOnlyKeygateAskedForIsKeptFromTheClient() {
        Gw gw = gw();
        String provider = provider(gw, "ok");
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        int before = stub.received.size();

        HttpResponse<String> plain = gw.chat(key, Gw.chatBody(provider + "/ok", "hi", 10, true));
        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(stub.received.get(before).body().getJsonObject("stream_options").getBoolean("include_usage"),
                "Keygate asks the upstream for the usage it bills");
        assertFalse(plain.body().contains("\"usage\""), "the client did not ask for usage: " + plain.body());
        assertFalse(plain.body().contains("\"choices\":[]"), plain.body());
        assertTrue(plain.body().contains("\"content\":\"says \""), plain.body());
        assertTrue(plain.body().endsWith("\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"), plain.body());

        HttpResponse<String> asked = gw.chat(key, "{\"model\":\"" + provider + "/ok\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, asked.statusCode(), asked.body());
        assertTrue(asked.body().contains("\"choices\":[]," + StubUpstream.usage() + "}"), asked.body());
        assertTrue(asked.body().contains("\"usage\":null"), "passed on as the upstream sent it: " + asked.body());

        JsonObject usage = gw.usage(created.getString("id"), 2);
        for (JsonValue v : usage.getJsonArray("items")) {
            assertEquals(StubUpstream.PROMPT, v.asJsonObject().getInt("input_tokens"), "both are billed from the usage chunk");
            assertEquals(new BigDecimal("0.000094"), v.asJsonObject().getJsonNumber("cost_usd").bigDecimalValue());
        }
    }

    @Test
    void everyWayACallEndsIsMeteredExactlyOnce() throws Exception {
        Gw gw = gw();
        String provider = provider(gw, "ok", "error", "timeout", "stall", "bad", "drip");
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        stub.dripEnds.clear();
        Map<String, String> endings = Map.of(
                "ok", "200:", "ok stream", "200:", "error", "502:upstream_error", "timeout", "504:upstream_timeout",
                "stall", "504:upstream_timeout", "stall stream", "200:upstream_timeout", "bad", "400:upstream_400");
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, String> ending : endings.entrySet()) {
            String[] how = ending.getKey().split(" ");
            HttpResponse<String> r = gw.chat(key, Gw.chatBody(provider + "/" + how[0], "hi", 10, how.length > 1));
            assertEquals(ending.getValue().split(":")[0], Integer.toString(r.statusCode()), ending.getKey() + ": " + r.body());
            expected.add(ending.getValue());
        }
        readFirstEventAndLeave(gw, key, Gw.chatBody(provider + "/drip", "hi", 10, true));
        assertNotNull(stub.dripEnds.poll(60, TimeUnit.SECONDS));
        expected.add("200:client_disconnected");
        // readiness tells the upstream's part: the 500, the timeout and the two stalls failed; the client's own
        // 400 and the stream the client left were answered
        JsonObject seen = upstreamInReadiness(gw, provider, e -> e.getInt("recent_calls") == 8);
        assertEquals(4, seen.getInt("recent_failures"), seen::toString);
        // a last call after all the others: its record is queued after any second record of theirs
        assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "last", 5, false)).statusCode());
        expected.add("200:");

        JsonObject usage = gw.usage(created.getString("id"), expected.size());
        assertEquals(expected.size(), usage.getInt("total"), usage::toString);
        List<String> got = new ArrayList<>();
        Set<String> requestIds = new HashSet<>();
        for (JsonValue v : usage.getJsonArray("items")) {
            JsonObject o = v.asJsonObject();
            got.add(o.getInt("status") + ":" + (o.isNull("error_code") ? "" : o.getString("error_code")));
            requestIds.add(o.getString("request_id"));
        }
        assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
        assertEquals(expected.size(), requestIds.size(), "one record per call");
        JsonObject today = Gw.json(gw.get("v1/key/info", Map.of("x-api-key", key)).body()).getJsonObject("usage_today");
        assertEquals(expected.size(), today.getInt("requests"), "each call counted once: " + today);
        assertEquals(0, Gw.sumCost(usage).compareTo(today.getJsonNumber("cost").bigDecimalValue()),
                "each call settled once: " + today);
    }

    @Test
    void readinessTellsEachUpstreamsLastOutcomeAndStaysUp() throws Exception {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "").getString("key");
        StubUpstream own = new StubUpstream();
        String provider;
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            provider = gw.stubProvider("ready", own.baseUrl(), "ok", "error").str("id");
            assertEquals(200, gw.chat(key, Gw.chatBody(provider + "/ok", "hi", 8, false)).statusCode());
            JsonObject answered = upstreamInReadiness(gw, provider, e -> true);
            assertEquals(200, answered.getInt("last_status"));
            assertEquals("answered", answered.getString("last_outcome"));
            assertEquals(1, answered.getInt("recent_calls"));
            assertEquals(0, answered.getInt("recent_failures"));
            Instant at = Instant.parse(answered.getString("last_at"));
            assertTrue(!at.isBefore(started) && !at.isAfter(Instant.now()), at::toString);

            assertEquals(502, gw.chat(key, Gw.chatBody(provider + "/error", "boom", 8, false)).statusCode());
            JsonObject failed = upstreamInReadiness(gw, provider, e -> e.getInt("recent_calls") == 2);
            assertEquals(500, failed.getInt("last_status"), failed::toString);
            assertEquals("error_status", failed.getString("last_outcome"));
            assertEquals(1, failed.getInt("recent_failures"));
        } finally {
            own.close();
        }
        // the first call may still find the stopped stub's kept-alive connection; the second must connect
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = gw.chat(key, Gw.chatBody(provider + "/ok", "gone", 8, false));
            assertEquals(502, r.statusCode(), r::body);
            assertEquals("upstream_unavailable", Gw.code(r));
        }
        JsonObject refused = upstreamInReadiness(gw, provider, e -> e.getInt("recent_calls") == 4);
        assertEquals("connect_failed", refused.getString("last_outcome"), refused::toString);
        assertFalse(refused.containsKey("last_status"), "no status line came");
        assertEquals(3, refused.getInt("recent_failures"));
    }

    /**
     * {@code provider}'s entry in {@code /health/ready} once it is there and {@code until} holds;
     * readiness answers 200 and UP meanwhile, and its {@code upstreams} check is always UP.
     */
    private static JsonObject upstreamInReadiness(Gw gw, String provider, Predicate<JsonObject> until) {
        return Eventually.await("readiness to show " + provider).until(() -> {
            HttpResponse<String> r = gw.get("health/ready", Map.of());
            assertEquals(200, r.statusCode(), r::body);
            JsonObject body = Gw.json(r.body());
            assertEquals("UP", body.getString("status"), r::body);
            JsonObject upstreams = body.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(c -> c.getString("name").equals("upstreams")).findFirst().orElseThrow();
            assertEquals("UP", upstreams.getString("status"), r::body);
            return upstreams.getJsonObject("data").getJsonObject(provider);
        }, entry -> entry != null && until.test(entry));
    }

    /**
     * POSTs {@code body} over a raw socket, reads until the first SSE event has arrived, then
     * closes the connection; answers what it read.
     */
    private static String readFirstEventAndLeave(Gw gw, String key, String body) throws Exception {
        return readFirstEventAndLeave(gw, "v1/chat/completions", key, body);
    }

    /** {@link #readFirstEventAndLeave(Gw, String, String)} at another endpoint's {@code path}. */
    private static String readFirstEventAndLeave(Gw gw, String path, String key, String body) throws Exception {
        URI uri = gw.api.uri(path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                int n = in.read(buffer);
                assertTrue(n > 0, "the stream ended before its first event: " + seen);
                seen.write(buffer, 0, n);
                String text = seen.toString(StandardCharsets.UTF_8);
                int data = text.indexOf("data: ");
                if (data >= 0 && text.indexOf("\n\n", data) > 0) {
                    assertTrue(text.startsWith("HTTP/1.1 200"), text);
                    return text;
                }
            }
        }
    }
}
