package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.keygate.gateway.control.KeyHashes;
import org.keygate.platform.control.Redis;

/**
 * The gateway on a real server with its state in a real Redis ({@code keygate.redis.url} set to a
 * redis-server this class starts on loopback): a completion, rpm exact under concurrency, a
 * deactivation taking effect on the next call, and Redis going away (503
 * {@code gateway_state_unavailable}, readiness down naming Redis) and coming back (200 again, with
 * no restart), and each call's round trips to Redis in {@code /metrics}. This class
 * also reads Redis itself, to prove the counts are kept there and not in the server's memory.
 */
@RunAsClient
class RedisGatewayIT extends OwnDeployment {

    static final EmbeddedRedis REDIS = new EmbeddedRedis();
    static final String PREFIX = "it-" + UUID.randomUUID() + ":";
    private static final Redis.Script ZCARD = new Redis.Script("zcard", "return {redis.call('ZCARD', KEYS[1])}");
    private static final Redis.Script SISMEMBER = new Redis.Script("sismember",
            "return {redis.call('SISMEMBER', KEYS[1], ARGV[1])}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        // a command timeout above the 250 ms default: these machines are shared and a GC pause is no outage
        return Deployments.keygate(Map.of("keygate.redis.url", REDIS.url(), "keygate.redis.key-prefix", PREFIX,
                "keygate.redis.timeout-ms", "1000"));
    }

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    private Gw gw() {
        return new Gw(Api.at(url));
    }

    @Test
    void aCompletionPassesEveryCheckAndItsKeyIsKnownInRedis() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "\"rpm_limit\":5,\"daily_limit\":0.5");
        String key = created.getString("key");
        try (Redis redis = redis()) {
            assertEquals(1L, ((List<?>) redis.eval(SISMEMBER, new String[] {PREFIX + "known"},
                    KeyHashes.sha256Hex(key))).get(0), "creating the key added its hash to the shared set");
        }
        HttpResponse<String> r = gw.chat(key, Gw.chatBody("demo/echo", "hello from redis", 50, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("hello from redis", Gw.json(r.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));
        assertEquals("5", r.headers().firstValue("X-RateLimit-Limit").orElse(null));
        assertEquals("4", r.headers().firstValue("X-RateLimit-Remaining").orElse(null));
        assertEquals("60", r.headers().firstValue("X-RateLimit-Reset").orElse(null));
        JsonObject info = Eventually.await("the call counted in Redis").until(
                () -> Gw.json(gw.get("v1/key/info", Map.of("x-api-key", key)).body()),
                body -> body.getJsonObject("usage_today").getInt("requests") >= 1);
        assertTrue(info.getJsonObject("usage_today").getJsonNumber("cost").bigDecimalValue().signum() > 0, info::toString);
        String capped = gw.key(gw.team("1"), "\"daily_limit\":0.0001").getString("key");
        HttpResponse<String> overCap = gw.chat(capped, Gw.chatBody("demo/echo", "x", 100, false));
        assertEquals(429, overCap.statusCode(), "100 output tokens may cost $0.0002, over a $0.0001 cap");
        assertEquals("daily_limit_exceeded", Gw.code(overCap));
    }

    @Test
    void everyCallsRoundTripsToRedisAreTimedByScript() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "").getString("key");
        Scrape cold = Scrape.of(gw);
        assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "warm", 8, false)).statusCode());
        Eventually.await("the first call's settlement").until(() -> finished(gw, cold), n -> n >= 1);
        Scrape before = Scrape.of(gw);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "timed " + i, 8, false)).statusCode());
        }
        Eventually.await("the calls' settlements").until(() -> finished(gw, before), n -> n >= 3);
        Scrape after = Scrape.of(gw);
        String admit = "command=\"admit\"";
        assertEquals(3, after.delta(before, "keygate_redis_round_trip_seconds_count", admit), "one admission per call");
        assertEquals(after.value("keygate_redis_round_trip_seconds_count", admit),
                after.value("keygate_redis_round_trip_seconds_bucket", admit, "le=\"+Inf\""), "a histogram");
        assertTrue(after.delta(before, "keygate_redis_round_trip_seconds_sum", admit) > 0);
        assertEquals(0, after.delta(before, "keygate_redis_failures_total"));
        assertTrue(!after.text().contains(PREFIX) && !after.text().contains(key), "no Redis key or API key as a label");
    }

    /** Round trips of the script that settles and counts a call since {@code before}. */
    private static double finished(Gw gw, Scrape before) {
        return Scrape.of(gw).delta(before, "keygate_redis_round_trip_seconds_count", "command=\"finish\"");
    }

    @Test
    void exactlyTheRpmLimitOfConcurrentCallsPass() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "\"rpm_limit\":10");
        String key = created.getString("key");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(Gw.HTTP.sendAsync(HttpRequest.newBuilder(gw.api.uri("v1/models")).header("x-api-key", key)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        int ok = 0;
        int limited = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.join();
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                assertEquals("rate_limit_exceeded", Gw.code(r));
                limited++;
            }
        }
        assertEquals(10, ok);
        assertEquals(20, limited);
        try (Redis redis = redis()) {
            assertEquals(10L, ((List<?>) redis.eval(ZCARD, new String[] {PREFIX + "rpm:" + created.getString("id")}))
                    .get(0), "the window lives in Redis");
        }
    }

    @Test
    void aDeactivatedKeyIsRefusedOnTheNextCall() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "");
        String key = created.getString("key");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", key)).statusCode());
        assertEquals(200, gw.admin.post("api/v1/keys/" + created.getString("id") + "/deactivate",
                "{\"reason\":\"test\"}").status());
        HttpResponse<String> r = gw.get("v1/models", Map.of("x-api-key", key));
        assertEquals(401, r.statusCode());
        assertEquals("key_deactivated", Gw.code(r));
    }

    @Test
    void redisAwayIs503AndTheGatewayRecoversWhenItIsBack() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "").getString("key");
        assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "before", 20, false)).statusCode());
        REDIS.stop();
        try {
            HttpResponse<String> down = gw.chat(key, Gw.chatBody("demo/echo", "during", 20, false));
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("gateway_state_unavailable", Gw.code(down));
            assertEquals("api_error", Gw.error(down).getString("type"));
            HttpResponse<String> unknown = gw.get("v1/models", Map.of("x-api-key", gw.key(gw.team(null), "")
                    .getString("key")));
            assertEquals(503, unknown.statusCode(), "a key only Redis could vouch for: " + unknown.body());
            Eventually.await("readiness to name Redis").until(() -> gw.get("health/ready", Map.of()),
                    r -> r.statusCode() == 503 && r.body().contains("{\"name\":\"redis\",\"status\":\"DOWN\""));
            assertEquals(200, gw.get("health/live", Map.of()).statusCode(), "a restart would not help: still live");
        } finally {
            REDIS.start(); // same port, empty: no persistence
        }
        Eventually.await("the gateway to answer again").until(
                () -> gw.chat(key, Gw.chatBody("demo/echo", "after", 20, false)).statusCode(), status -> status == 200);
        String fresh = gw.key(gw.team("1"), "").getString("key");
        assertEquals(200, gw.get("v1/models", Map.of("x-api-key", fresh)).statusCode(), "new keys work too");
        Eventually.await("readiness to be up again").until(() -> gw.get("health/ready", Map.of()).statusCode(), s -> s == 200);
    }

    private static Redis redis() {
        return new Redis(REDIS.url(), Duration.ofSeconds(2), "");
    }
}
