package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after real calls: the numbers move by exactly what the calls did. Scraped
 * before and after — answered calls, a streamed one, a relayed one through a stub upstream, an
 * unknown key, a rate-limit hit — the per-endpoint-and-outcome counters, the latency histograms'
 * counts (the upstream's by provider), the unknown-key counter and the usage writer's written
 * records move by those calls and no more; an API call's database connection is counted and
 * given back; no key, key id or plaintext appears anywhere in it.
 */
@SharedServer
class MetricsIT {

    @SharedServer.Url
    URL url;

    @Test
    void theSeriesMoveByWhatTheCallsDid() throws Exception {
        Gw gw = new Gw(Api.at(url));
        String team = gw.team("10");
        JsonObject created = gw.key(team, "\"rpm_limit\":10000");
        String key = created.getString("key");
        JsonObject limited = gw.key(team, "\"rpm_limit\":1");
        String provider;
        try (StubUpstream stub = new StubUpstream()) {
            provider = gw.stubProvider("metrics", stub.baseUrl(), "plain").str("id");
            Scrape before = Scrape.of(gw);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "metrics " + i, 8, false)).statusCode());
            }
            assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "metrics stream", 8, true)).statusCode());
            HttpResponse<String> relayed = gw.chat(key, Gw.chatBody(provider + "/plain", "relayed", 8, false));
            assertEquals(200, relayed.statusCode(), relayed::body);
            assertEquals(401, gw.chat("ck-" + "A".repeat(26) + "AAAAAA", Gw.chatBody("demo/echo", "x", 8, false)).statusCode());
            assertEquals(200, gw.chat(limited.getString("key"), Gw.chatBody("demo/echo", "first", 8, false)).statusCode());
            assertEquals(429, gw.chat(limited.getString("key"), Gw.chatBody("demo/echo", "second", 8, false)).statusCode());
            assertEquals(200, gw.get("v1/models", Map.of("Authorization", "Bearer " + key)).statusCode());
            assertEquals(200, gw.admin.get("api/v1/teams/" + team).status(), "an API call reads the database");
            Scrape after = Scrape.of(gw);

            assertEquals(6, after.delta(before, "keygate_gateway_calls_total", "endpoint=\"chat_completions\"", "outcome=\"ok\""));
            assertEquals(1, after.delta(before, "keygate_gateway_calls_total", "endpoint=\"chat_completions\"",
                    "outcome=\"rate_limit_exceeded\""));
            assertEquals(1, after.delta(before, "keygate_gateway_calls_total", "endpoint=\"models\"", "outcome=\"ok\""));
            assertEquals(8, after.delta(before, "keygate_gateway_call_seconds_count", "endpoint=\"chat_completions\""));
            assertEquals(8, after.delta(before, "keygate_gateway_added_seconds_count", "endpoint=\"chat_completions\""));
            assertEquals(1, after.delta(before, "keygate_upstream_response_seconds_count", "provider=\"" + provider + "\""));
            assertEquals(1, after.delta(before, "keygate_gateway_relayed_total"));
            assertEquals(0, after.delta(before, "keygate_gateway_reservations_in_flight"), "every reservation settled");
            assertTrue(after.delta(before, "keygate_gateway_call_seconds_sum", "endpoint=\"chat_completions\"") > 0);
            // the malformed/unknown key: a 401 by outcome, and the unknown-key counter (checksum-valid keys only)
            assertEquals(1, after.delta(before, "keygate_gateway_calls_total", "endpoint=\"chat_completions\"",
                    "outcome=\"invalid_api_key\""));
            assertEquals(1, after.delta(before, "keygate_gateway_unknown_keys_total")
                    + after.delta(before, "keygate_gateway_malformed_keys_total"));

            // the API call's connection (and any the usage writer took meanwhile) went through the count
            assertTrue(after.delta(before, "keygate_db_connection_acquire_seconds_count") >= 1,
                    "connections taken: " + after.delta(before, "keygate_db_connection_acquire_seconds_count"));
            assertTrue(after.value("keygate_db_connection_acquire_seconds_bucket", "le=\"+Inf\"")
                    == after.value("keygate_db_connection_acquire_seconds_count"), "the acquire time is a histogram");
            assertEquals(0, after.delta(before, "keygate_db_connection_acquire_failures_total"));
            Eventually.await("every connection taken to be given back").until(() -> Scrape.of(gw)
                    .value("keygate_db_connections_active"), active -> active == 0);

            // every metered call (all but the unknown key's) reaches the database
            Eventually.await("the usage writer to write the calls").until(() -> Scrape.of(gw).delta(before,
                    "keygate_usage_written_total"), written -> written >= 8);
            assertTrue(after.value("jvm_memory_used_bytes") > 0, "the JVM's series are there");
            assertTrue(after.value("cache_gets_total", "cache=\"keygate_key_cache\"", "result=\"hit\"")
                    > before.value("cache_gets_total", "cache=\"keygate_key_cache\"", "result=\"hit\""), "the key cache was hit");
            assertTrue(after.text().contains("keygate_usage_backlog"), "the usage writer's series are there");
            // the dashboard of docs/ draws series that exist (webhook deliveries appear with the first one, Redis's
            // round trips only where clustered)
            String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("basedir", "."),
                    "docs", "grafana-dashboard.json"));
            java.util.regex.Matcher series = java.util.regex.Pattern.compile("keygate_[a-z_]+").matcher(dashboard);
            while (series.find()) {
                if (!series.group().startsWith("keygate_webhook_") && !series.group().startsWith("keygate_redis_")) {
                    assertTrue(after.text().contains(series.group()), "the dashboard's " + series.group() + " is in /metrics");
                }
            }
            for (String secret : new String[] {key, created.getString("id"), limited.getString("id"), "ck-"}) {
                assertFalse(after.text().contains(secret), "no key or key id in /metrics: " + secret);
            }
        }
    }
}
