package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

/**
 * The gateway under parallel load: limits are exact (rpm N of N+k, daily cap and balance never
 * overshoot), deactivation is final for every call that starts after it returns, every call is
 * metered once with the catalogue price to the micro-dollar, and unknown keys never cost a query.
 */
@SharedServer
class GatewayLoadIT {

    @SharedServer.Url
    URL url;

    private Gw gw() {
        return new Gw(Api.at(url));
    }

    private static List<HttpResponse<String>> parallel(int n, java.util.function.IntFunction<HttpRequest> request) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(Gw.HTTP.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private HttpRequest chat(Gw gw, String key, String text, int maxTokens) {
        return HttpRequest.newBuilder(gw.api.uri("v1/chat/completions")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gw.chatBody("demo/echo", text, maxTokens, false))).build();
    }

    private static long count(List<HttpResponse<String>> responses, int status) {
        return responses.stream().filter(r -> r.statusCode() == status).count();
    }

    @Test
    void withRpmLimitNExactlyNOfNPlusKParallelCallsPass() {
        Gw gw = gw();
        String key = gw.key(gw.team("1"), "\"rpm_limit\":20").getString("key");
        List<HttpResponse<String>> responses = parallel(50, i -> HttpRequest.newBuilder(gw.api.uri("v1/models"))
                .header("x-api-key", key).build());
        assertEquals(20, count(responses, 200));
        assertEquals(30, count(responses, 429));
        responses.stream().filter(r -> r.statusCode() == 429).forEach(r -> {
            assertEquals("rate_limit_exceeded", Gw.code(r));
            assertNotNull(r.headers().firstValue("Retry-After").orElse(null));
        });
    }

    @Test
    void theDailyCapIsNeverOvershotByParallelCalls() {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "\"daily_limit\":0.0005,\"rpm_limit\":1000");
        List<HttpResponse<String>> responses = parallel(90, i -> chat(gw, created.getString("key"), "hi", 5));
        long passed = count(responses, 200);
        long refused = responses.stream().filter(r -> r.statusCode() == 429 && "daily_limit_exceeded".equals(Gw.code(r))).count();
        assertEquals(90, passed + refused);
        JsonObject usage = gw.usage(created.getString("id"), 90);
        BigDecimal spent = Gw.sumCost(usage);
        assertEquals(BigDecimal.valueOf(7 * passed, 6), spent, "each call costs 7 µ$");
        assertTrue(spent.compareTo(new BigDecimal("0.0005")) <= 0, "overshot the cap: " + spent);
        assertTrue(passed >= 33, "reservations of 15 µ$ against 500 µ$ let at least 33 through: " + passed);
    }

    @Test
    void aPrepaidBalanceIsNeverOvershotByParallelCallsOfSeveralKeys() {
        Gw gw = gw();
        String team = gw.team("0.0003");
        JsonObject a = gw.key(team, "\"rpm_limit\":1000");
        JsonObject b = gw.key(team, "\"rpm_limit\":1000");
        List<HttpResponse<String>> responses = parallel(80,
                i -> chat(gw, (i % 2 == 0 ? a : b).getString("key"), "hi", 5));
        long passed = count(responses, 200);
        long refused = responses.stream().filter(r -> r.statusCode() == 402 && "insufficient_balance".equals(Gw.code(r))).count();
        assertEquals(80, passed + refused);
        // every call has its record, the refused ones at no cost: 40 per key
        BigDecimal spent = Gw.sumCost(gw.usage(a.getString("id"), 40)).add(Gw.sumCost(gw.usage(b.getString("id"), 40)));
        assertEquals(BigDecimal.valueOf(7 * passed, 6), spent);
        assertTrue(spent.compareTo(new BigDecimal("0.0003")) <= 0, "overshot the balance: " + spent);
        // the ledger follows: credit minus the USAGE entries the writer added
        BigDecimal balance = gw.balanceOnceItIs(team, new BigDecimal("0.0003").subtract(spent));
        assertEquals(new BigDecimal("0.0003").subtract(spent).setScale(6), balance, "six decimals, as the API writes money");
        assertTrue(balance.signum() >= 0);
    }

    @Test
    void noCallThatStartsAfterTheDeactivationReturnsSucceeds() throws Exception {
        Gw gw = gw();
        JsonObject created = gw.key(gw.team("1"), "\"rpm_limit\":1000000");
        String key = created.getString("key");
        record Outcome(long startedNanos, int status, String body) {
        }
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch warm = new CountDownLatch(40);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 5000 && !stop.get(); i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> r = gw.get("v1/models", Map.of("x-api-key", key));
                    outcomes.add(new Outcome(started, r.statusCode(), r.body()));
                    warm.countDown();
                }
            });
            worker.start();
            workers.add(worker);
        }
        warm.await();
        Api.Resp deactivated = gw.admin.post("api/v1/keys/" + created.getString("id") + "/deactivate", "{\"reason\":\"incident\"}");
        long returned = System.nanoTime();
        assertEquals(200, deactivated.status(), deactivated::toString);
        Gw.pause(500);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        long before = outcomes.stream().filter(o -> o.status() == 200).count();
        List<Outcome> after = outcomes.stream().filter(o -> o.startedNanos() > returned).toList();
        assertTrue(before >= 40, "load ran before the deactivation: " + before);
        assertTrue(after.size() >= 10, "load went on after it: " + after.size());
        for (Outcome o : after) {
            assertEquals(401, o.status(), o.body());
            assertTrue(o.body().contains("key_deactivated"), o.body());
        }
    }

    @Test
    void everyCallOfABurstIsMeteredOnceAtTheCataloguePrice() {
        Gw gw = gw();
        String team = gw.team("5");
        JsonObject created = gw.key(team, "\"rpm_limit\":60");
        String key = created.getString("key");
        String[] texts = {"hi", "hello there world", "a somewhat longer message with more tokens in it", "ünïcödé ✓"};
        List<HttpResponse<String>> responses = parallel(100, i -> chat(gw, key, texts[i % texts.length], 3 + i % 7));
        assertEquals(60, count(responses, 200));
        assertEquals(40, count(responses, 429));
        long expectedMicros = 0;
        for (HttpResponse<String> r : responses) {
            if (r.statusCode() == 200) {
                JsonObject usage = Gw.json(r.body()).getJsonObject("usage");
                expectedMicros += usage.getInt("prompt_tokens") * 1L + usage.getInt("completion_tokens") * 2L; // $1 / $2 per 1M
            }
        }
        JsonObject usage = gw.usage(created.getString("id"), 100);
        assertEquals(100, usage.getInt("total"));
        assertEquals(BigDecimal.valueOf(expectedMicros, 6), Gw.sumCost(usage));
        for (JsonValue v : usage.getJsonArray("items")) {
            JsonObject rec = v.asJsonObject();
            BigDecimal cost = rec.getJsonNumber("cost_usd").bigDecimalValue();
            if (rec.getInt("status") == 200) {
                assertEquals(BigDecimal.valueOf(rec.getInt("input_tokens") + 2L * rec.getInt("output_tokens"), 6), cost);
                assertEquals("demo", rec.getString("provider"));
                assertTrue(rec.isNull("error_code"));
            } else {
                assertEquals(429, rec.getInt("status"));
                assertEquals("rate_limit_exceeded", rec.getString("error_code"));
                assertEquals(0, cost.signum());
                assertEquals(0, rec.getInt("input_tokens"));
            }
            assertEquals("127.0.0.1", rec.getString("client_ip"));
        }
        BigDecimal credit = new BigDecimal("5.000000");
        assertEquals(credit.subtract(BigDecimal.valueOf(expectedMicros, 6)),
                gw.balanceOnceItIs(team, credit.subtract(BigDecimal.valueOf(expectedMicros, 6))));
        Api.Resp ledger = gw.admin.get("api/v1/teams/" + team + "/ledger?size=200");
        long usageEntries = ledger.items().stream().filter(v -> "usage".equals(v.asJsonObject().getString("kind"))).count();
        assertTrue(usageEntries >= 1 && usageEntries < 60, "USAGE entries are per batch, not per call: " + usageEntries);
        JsonObject key1 = gw.admin.get("api/v1/keys/" + created.getString("id")).json();
        assertNotNull(key1.getString("last_used_at", null));
        assertEquals("127.0.0.1", key1.getString("last_used_ip"));
    }

    @Test
    void aFloodOfWellFormedUnknownKeysCausesNoDatabaseQuery() {
        Gw gw = gw();
        gw.key(gw.team("1"), ""); // the deployment has keys, so the set of known hashes is not empty
        long before = gw.admin.get("api/v1/gateway/stats").json().getJsonNumber("db_queries").longValue();
        List<HttpResponse<String>> responses = parallel(200, i -> {
            String head = "ck-" + String.format("%026d", i).replace('0', 'x');
            return HttpRequest.newBuilder(gw.api.uri("v1/models"))
                    .header("x-api-key", head + GatewayIT.checksumFor(head)).build();
        });
        assertEquals(200, count(responses, 401));
        responses.forEach(r -> assertEquals("invalid_api_key", Gw.code(r)));
        JsonObject stats = gw.admin.get("api/v1/gateway/stats").json();
        assertEquals(before, stats.getJsonNumber("db_queries").longValue());
        assertTrue(stats.getJsonNumber("unknown_keys").longValue() >= 200);
    }
}
