package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import com.sun.net.httpserver.HttpServer;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.keys.control.KeyMint;

/**
 * A real two-node cluster: two server processes ({@link ServerProcess}, each on free loopback
 * ports) with the same WAR, one PostgreSQL database
 * of their own (a fresh one on the embedded PostgreSQL of {@link TestDatabase}) and one real
 * redis-server ({@link EmbeddedRedis}) as {@code keygate.redis.url}. Both start at the same moment
 * on the empty database, so the first test is that both came up with one migration and one seed.
 * Every other test works through HTTP against both nodes: what is changed on node A holds on node B
 * on the very next call, the limits hold over the sum of both nodes' calls, usage is written once
 * per call, unknown keys never reach the database, and scheduled work (alerts, webhook deliveries)
 * happens once per cluster although both nodes run the scheduler. Both nodes are of the build's
 * server kind (two Payara Micro processes, or with {@code -Dwildfly} two WildFly servers, each with
 * a server folder of its own), on PostgreSQL whatever {@code keygate.it.db} says.
 */
class ClusterIT {

    private static final String DATABASE = "keygate_cluster";
    /** 400 bytes: 100 prompt tokens + 4 per message; with max_tokens 50 the echo is cut to exactly 50 tokens. */
    private static final String TEXT = "x".repeat(400);
    /** What such a call reserves and, the echo being cut to max_tokens, what it costs: 104 × $1/M + 50 × $2/M. */
    private static final long CALL_MICROS = 104 + 2 * 50;

    private static EmbeddedRedis redis;
    private static HttpServer receiver;
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final List<ServerProcess> nodes = new CopyOnWriteArrayList<>();
    private static Gw a;
    private static Gw b;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = new EmbeddedRedis();
        TestDatabase.freshDatabase(DATABASE);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        Path dir = Files.createDirectories(Path.of("target", "cluster-it"));
        File war = dir.resolve("keygate.war").toFile();
        Deployments.keygate(Map.of("keygate.redis.url", redis.url(), "keygate.redis.timeout-ms", "1000",
                // every key is due for rotation at once and the scan runs every 3 s on each node
                "keygate.keys.rotation-period-days", "0", "keygate.anomaly.scan-seconds", "3",
                "keygate.webhooks.retry-first-seconds", "1", "keygate.webhooks.retry-cap-seconds", "2",
                "keygate.webhooks.allowed-targets", "127.0.0.1/32"), "jdbc:h2:mem:cluster-unused;DB_CLOSE_DELAY=-1")
                .addClass(ScanHook.class).as(ZipExporter.class).exportTo(war, true);

        // both at the same moment on the empty database: migration and first-start seeding race
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
            for (String name : List.of("node-a", "node-b")) {
                starting.add(CompletableFuture.supplyAsync(() -> {
                    // one WAR, so each node is given a journal of its own at start, as on two machines
                    ServerProcess node = ServerProcess.ofBuildKind(war, dir.resolve(name), dir.resolve(name + ".log"), DATABASE,
                            Map.of("keygate.usage.journal-dir", Deployments.freshJournalDir().toString()));
                    nodes.add(node);
                    return node;
                }, starters));
            }
            // both finished (up or failed) before a failure is thrown, so that @AfterAll stops every node that came up
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            a = new Gw(Api.at(starting.get(0).join().url()));
            b = new Gw(Api.at(starting.get(1).join().url()));
        } finally {
            starters.shutdown();
        }
    }

    @AfterAll
    static void stopCluster() {
        try {
            nodes.forEach(ServerProcess::close);
        } finally {
            if (receiver != null) {
                receiver.stop(0);
            }
            if (redis != null) {
                redis.close();
                TestDatabase.dropDatabase(DATABASE);
            }
        }
    }

    @Test
    void twoNodesStartedAtTheSameMomentOnAnEmptyDatabaseMigratedAndSeededItOnce() throws SQLException, java.io.IOException {
        assertEquals(200, a.admin.get("api/v1/me").status());
        assertEquals(200, b.admin.get("api/v1/me").status());
        try (Connection c = TestDatabase.dataSource(DATABASE).getConnection(); Statement s = c.createStatement()) {
            assertEquals(0, count(s, "SELECT COUNT(*) FROM (SELECT version FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL GROUP BY version HAVING COUNT(*) > 1) twice"), "each migration ran once");
            assertEquals(0, count(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success"));
            try (var files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
                assertEquals(files.count(), count(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"),
                        "every migration ran");
            }
            assertEquals(1, count(s, "SELECT COUNT(*) FROM member WHERE username = 'admin'"), "one bootstrap admin");
            assertEquals(1, count(s, "SELECT COUNT(*) FROM team WHERE name = 'Default'"), "one demo team");
        }
    }

    @Test
    void aKeyCreatedOnAWorksOnBAtOnceAndItsDeactivationOnAHoldsOnBOnTheNextCall() {
        JsonObject created = a.key(a.team("1"), "");
        String key = created.getString("key");
        HttpResponse<String> first = b.chat(key, Gw.chatBody("demo/echo", "hello from b", 20, false));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, models(b, key).statusCode(), "and again, now from B's cache");

        assertEquals(200, a.admin.post("api/v1/keys/" + created.getString("id") + "/deactivate",
                "{\"reason\":\"cluster test\"}").status());
        HttpResponse<String> refused = models(b, key);
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("key_deactivated", Gw.code(refused));
        assertEquals("key_deactivated", Gw.code(b.chat(key, Gw.chatBody("demo/echo", "x", 5, false))));
    }

    @Test
    void aRotationOnAWithoutGracePeriodHoldsOnBOnTheNextCall() {
        JsonObject old = a.key(a.team("1"), "");
        assertEquals(200, models(b, old.getString("key")).statusCode());
        Api.Resp rotated = a.admin.post("api/v1/keys/" + old.getString("id") + "/rotate", "{\"old_key_expires_in\":0}");
        assertEquals(201, rotated.status(), rotated::toString);
        HttpResponse<String> refused = models(b, old.getString("key"));
        assertEquals(401, refused.statusCode(), refused.body());
        assertEquals("key_deactivated", Gw.code(refused));
        assertEquals(200, models(b, rotated.str("key")).statusCode(), "the successor works on B at once");
    }

    @Test
    void aTeamChangeOnAHoldsOnBOnTheNextCall() {
        String team = a.team("1");
        assertEquals(200, a.admin.patch("api/v1/teams/" + team, "{\"default_rpm_limit\":50}").status());
        String key = a.key(team, "").getString("key");
        assertEquals("50", models(b, key).headers().firstValue("X-RateLimit-Limit").orElse(null));
        assertEquals(200, a.admin.patch("api/v1/teams/" + team, "{\"default_rpm_limit\":7}").status());
        HttpResponse<String> next = models(b, key);
        assertEquals(200, next.statusCode(), next.body());
        assertEquals("7", next.headers().firstValue("X-RateLimit-Limit").orElse(null), "B uses the new team default");
    }

    @Test
    void aModelAddedOnAIsRoutableOnBAtOnce() {
        String key = a.key(a.team("1"), "").getString("key");
        String model = "demo/" + Api.unique("echo");
        HttpResponse<String> before = b.chat(key, Gw.chatBody(model, "hi", 5, false));
        assertEquals(404, before.statusCode(), before.body());
        assertEquals("model_not_found", Gw.code(before));
        Api.Resp added = a.admin.post("api/v1/models", "{\"id\":\"" + model + "\",\"provider_id\":\"demo\","
                + "\"upstream_model\":\"echo\",\"input_price\":1,\"output_price\":2,\"max_output_tokens\":100}");
        assertEquals(201, added.status(), added::toString);
        HttpResponse<String> after = b.chat(key, Gw.chatBody(model, "routed on b", 20, false));
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(model, Gw.json(after.body()).getString("model"));
    }

    @Test
    void exactlyTheRpmLimitOfConcurrentCallsOverBothNodesPass() {
        String key = a.key(a.team("1"), "\"rpm_limit\":10").getString("key");
        Map<Integer, Integer> statuses = new HashMap<>();
        Map<Integer, Integer> perNode = new HashMap<>();
        List<HttpResponse<String>> answers = burst(30, i -> HttpRequest.newBuilder(node(i).api.uri("v1/models"))
                .header("x-api-key", key).GET());
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> r = answers.get(i);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 429) {
                assertEquals("rate_limit_exceeded", Gw.code(r));
            } else {
                perNode.merge(i % 2, 1, Integer::sum);
            }
        }
        assertEquals(Map.of(200, 10, 429, 20), statuses, "10 of 30 pass over both nodes: " + perNode);
    }

    @Test
    void theDailyCapHoldsOverBothNodes() {
        long cap = 10 * CALL_MICROS;
        JsonObject created = a.key(a.team("5"), "\"daily_limit\":" + usd(cap));
        List<HttpResponse<String>> answers = chatBurst(created.getString("key"), 30);
        assertEquals(10, passed(answers, 429, "daily_limit_exceeded"), "cap ÷ reservation");
        JsonObject usage = a.usage(created.getString("id"), 30);
        assertEquals(30, usage.getInt("total"), "every call recorded, the refused ones too");
        BigDecimal spent = settled(usage);
        assertEquals(0, new BigDecimal(usd(cap)).compareTo(spent), "10 calls at exactly their reservation: " + spent);
        JsonObject today = Gw.json(b.get("v1/key/info", Map.of("x-api-key", created.getString("key"))).body())
                .getJsonObject("usage_today");
        assertTrue(today.getJsonNumber("cost").bigDecimalValue().compareTo(new BigDecimal(usd(cap))) <= 0, today::toString);
    }

    @Test
    void aPrepaidBalanceHoldsOverBothNodes() {
        long credit = 3000; // room for 14 calls of 204 micro-USD, not 15
        String team = a.team(usd(credit));
        JsonObject created = a.key(team, "");
        List<HttpResponse<String>> answers = chatBurst(created.getString("key"), 30);
        assertEquals(credit / CALL_MICROS, passed(answers, 402, "insufficient_balance"));
        JsonObject usage = a.usage(created.getString("id"), 30);
        assertEquals(30, usage.getInt("total"), "every call recorded, the refused ones too");
        BigDecimal spent = settled(usage);
        assertEquals(0, BigDecimal.valueOf(credit / CALL_MICROS * CALL_MICROS, 6).compareTo(spent), spent::toString);
        BigDecimal balance = a.balanceOnceItIs(team, new BigDecimal(usd(credit)).subtract(spent));
        assertTrue(balance.signum() >= 0);
        assertEquals(0, balance.compareTo(ledgerSum(b, team)), "balance = ledger");
    }

    @Test
    void aBurstOverBothNodesIsRecordedOncePerCallAndDebitedExactly() {
        String team = a.team("5");
        JsonObject created = a.key(team, "");
        String key = created.getString("key");
        int calls = 60;
        List<HttpResponse<String>> answers = burst(calls, i -> HttpRequest.newBuilder(node(i).api.uri("v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gw.chatBody("demo/echo", "call " + i + " " + "y".repeat(i), 40, false))));
        Set<String> requestIds = new HashSet<>();
        for (HttpResponse<String> r : answers) {
            assertEquals(200, r.statusCode(), r.body());
            requestIds.add(r.headers().firstValue("X-Request-Id").orElseThrow());
        }
        assertEquals(calls, requestIds.size());
        JsonObject usage = b.usage(created.getString("id"), calls);
        assertEquals(calls, usage.getInt("total"), "one record per call");
        List<String> recorded = usage.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("request_id")).toList();
        assertEquals(calls, new HashSet<>(recorded).size(), "no request id twice");
        assertEquals(requestIds, new HashSet<>(recorded), "each call's own record");
        BigDecimal cost = Gw.sumCost(usage);
        assertTrue(cost.signum() > 0);
        BigDecimal balance = b.balanceOnceItIs(team, new BigDecimal("5").subtract(cost));
        assertEquals(0, balance.compareTo(ledgerSum(a, team)), "balance = ledger = credit − Σ record costs");
        assertEquals(0, balance.compareTo(a.admin.get("api/v1/teams/" + team).json().getJsonNumber("balance")
                .bigDecimalValue()), "both nodes show it");
    }

    @Test
    void anUnknownKeyFloodOnBothNodesLoadsNoKeyFromTheDatabase() {
        JsonObject beforeA = stats(a);
        JsonObject beforeB = stats(b);
        KeyMint mint = new KeyMint();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            keys.add(mint.mint()); // well-formed with a valid checksum, never issued
        }
        List<HttpResponse<String>> answers = burst(keys.size(), i -> HttpRequest.newBuilder(node(i).api.uri("v1/models"))
                .header("x-api-key", keys.get(i)).GET());
        for (HttpResponse<String> r : answers) {
            assertEquals(401, r.statusCode(), r.body());
            assertEquals("invalid_api_key", Gw.code(r));
        }
        JsonObject afterA = stats(a);
        JsonObject afterB = stats(b);
        assertEquals(beforeA.getJsonNumber("key_loads").longValue(), afterA.getJsonNumber("key_loads").longValue(), "node A");
        assertEquals(beforeB.getJsonNumber("key_loads").longValue(), afterB.getJsonNumber("key_loads").longValue(), "node B");
        assertEquals(150, afterA.getJsonNumber("unknown_keys").longValue() - beforeA.getJsonNumber("unknown_keys").longValue());
        assertEquals(150, afterB.getJsonNumber("unknown_keys").longValue() - beforeB.getJsonNumber("unknown_keys").longValue());
    }

    @Test
    void aRotationReminderIsRaisedAndDeliveredOnceAlthoughBothNodesSchedule() {
        String team = a.team(null);
        Api.Resp hook = a.admin.post("api/v1/teams/" + team + "/webhooks", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\"}");
        assertEquals(201, hook.status(), hook::toString);
        String keyId = b.key(team, "").getString("id");
        JsonObject alert = Eventually.value("the rotation reminder", () -> first(a.admin.get("api/v1/alerts?key_id=" + keyId)));
        assertEquals("rotation_due", alert.getString("detector"));
        String alertId = alert.getString("id");
        Eventually.await("its delivery").until(() -> deliveriesOf(alertId) >= 1);
        // both nodes scan again, now, and a later alert's delivery proves both delivery loops have run since
        assertEquals(204, a.api.post("it-hooks/scan", null).status());
        assertEquals(204, b.api.post("it-hooks/scan", null).status());
        String laterKeyId = a.key(team, "").getString("id");
        String laterAlert = Eventually.value("the later reminder", () -> first(b.admin.get("api/v1/alerts?key_id="
                + laterKeyId))).getString("id");
        Eventually.await("the later delivery").until(() -> deliveriesOf(laterAlert) >= 1);

        assertEquals(1, a.admin.get("api/v1/alerts?key_id=" + keyId).json().getInt("total"), "raised once");
        assertEquals(1, deliveriesOf(alertId), "delivered once");
        assertEquals(1, deliveriesOf(laterAlert), "delivered once");
        JsonObject delivery = b.admin.get("api/v1/webhooks/" + hook.str("id") + "/deliveries").items().stream()
                .map(JsonValue::asJsonObject).filter(d -> d.getString("alert_id").equals(alertId)).findFirst().orElseThrow();
        assertEquals("delivered", delivery.getString("status"));
        assertEquals(1, delivery.getInt("attempts"));
    }

    // ----- helpers -----

    private static Gw node(int i) {
        return i % 2 == 0 ? a : b;
    }

    private static HttpResponse<String> models(Gw node, String key) {
        return node.get("v1/models", Map.of("x-api-key", key));
    }

    /** {@code n} requests at once, alternately to A and B; the answers in request order. */
    private static List<HttpResponse<String>> burst(int n, Function<Integer, HttpRequest.Builder> request) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(Gw.HTTP.sendAsync(request.apply(i).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private static List<HttpResponse<String>> chatBurst(String key, int n) {
        return burst(n, i -> HttpRequest.newBuilder(node(i).api.uri("v1/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gw.chatBody("demo/echo", TEXT, 50, false))));
    }

    /** The 200s; every other answer must be {@code status} with {@code code}. */
    private static int passed(List<HttpResponse<String>> answers, int status, String code) {
        int ok = 0;
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 200) {
                ok++;
            } else {
                assertEquals(status, r.statusCode(), r.body());
                assertEquals(code, Gw.code(r));
            }
        }
        return ok;
    }

    /** The cost of the successful calls' records (a refused call is recorded too, at no cost). */
    private static BigDecimal settled(JsonObject usage) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonValue v : usage.getJsonArray("items")) {
            JsonObject item = v.asJsonObject();
            if (item.getInt("status") == 200) {
                assertEquals(0, BigDecimal.valueOf(CALL_MICROS, 6).compareTo(item.getJsonNumber("cost_usd").bigDecimalValue()),
                        item::toString);
            }
            sum = sum.add(item.getJsonNumber("cost_usd").bigDecimalValue());
        }
        return sum;
    }

    private static BigDecimal ledgerSum(Gw node, String team) {
        Api.Resp r = node.admin.get("api/v1/teams/" + team + "/ledger?size=200");
        assertEquals(200, r.status(), r::toString);
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonValue v : r.items()) {
            sum = sum.add(v.asJsonObject().getJsonNumber("amount").bigDecimalValue());
        }
        return sum;
    }

    private static JsonObject stats(Gw node) {
        Api.Resp r = node.admin.get("api/v1/gateway/stats");
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static long deliveriesOf(String alertId) {
        return received.stream().filter(body -> body.contains(alertId)).count();
    }

    private static JsonObject first(Api.Resp page) {
        return page.status() == 200 && !page.items().isEmpty() ? page.items().getJsonObject(0) : null;
    }

    private static String usd(long micros) {
        return BigDecimal.valueOf(micros, 6).toPlainString();
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
