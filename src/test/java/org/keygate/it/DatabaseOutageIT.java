package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.it.pages.AuditPage;
import org.keygate.it.pages.LoginPage;

/**
 * The database goes away under a running server and comes back (docs/production.md, "When the
 * database is down"): a server of the build's kind on PostgreSQL reaches it through a
 * {@link TcpLink}, which the test cuts — every pooled connection reset, new ones refused, as when
 * the database host is lost. While it is cut the gateway keeps answering the keys it knows (no SQL
 * on its path) and meters every call into the node's journal; the management API answers 503
 * {@code database_unavailable} with {@code Retry-After}, whatever its authentication needs; the pages
 * answer 503 with an outage page, never a stack trace; once the journal's disk budget is spent, the
 * gateway refuses calls with 503 {@code metering_unavailable} rather than serve them unmetered. When
 * the link is restored everything recovers by itself: each answered call has exactly one usage
 * record, the team's ledger is debited once per record, and calls, API and pages work again.
 */
class DatabaseOutageIT {

    private static final String DATABASE = "keygate_outage";
    /** Small enough that the burst below fills it: about two hundred records. */
    private static final String JOURNAL_BYTES = "65536";
    private static final int MAX_CALLS = 5_000;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void theGatewayMetersThroughAnOutageAndEverythingRecoversWhenTheDatabaseIsBack() throws Exception {
        TestDatabase.freshDatabase(DATABASE);
        TcpLink link = new TcpLink(TestDatabase.server().getPort());
        resources.add(link);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outage-it-");
        File war = dir.resolve("keygate.war").toFile();
        Path jsonLog = dir.resolve("keygate.jsonl");
        Deployments.keygate(Map.of("keygate.usage.flush-interval-ms", "200", "keygate.usage.journal-max-bytes",
                JOURNAL_BYTES, "keygate.log.format", "json", "keygate.log.json-file", jsonLog.toString(),
                "keygate.log.access", "true"), "jdbc:h2:mem:outage-unused;DB_CLOSE_DELAY=-1").as(ZipExporter.class)
                .exportTo(war, true);
        ServerProcess server = ServerProcess.ofBuildKind(war, dir.resolve("wildfly"), dir.resolve("server.log"), DATABASE,
                Map.of("keygate.db.port", Integer.toString(link.port())));
        resources.add(server);
        Gw gw = new Gw(Api.at(server.url()));
        String team = gw.team("5");
        JsonObject created = gw.key(team, "\"rpm_limit\":100000");
        String key = created.getString("key");
        String keyId = created.getString("id");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 5; i++) {
            answered.add(okCall(gw, key, "before " + i));
        }
        assertEquals(200, health(server, "ready").statusCode(), () -> health(server, "ready").body());

        Browser browser = LoginPage.loggedIn(server.url(), "admin", Deployments.ADMIN_PASSWORD);
        resources.add(browser);
        AuditPage audit = AuditPage.open(browser);

        link.cut();

        // the gateway: calls in parallel, each 200 until the journal is full, then 503 metering_unavailable
        ExecutorService callers = Executors.newFixedThreadPool(4);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Set<String> refusalCodes = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                running.add(callers.submit(() -> {
                    for (int i = 0; i < MAX_CALLS / 4 && !statuses.containsKey(503); i++) {
                        HttpResponse<String> r = gw.chat(key, Gw.chatBody("demo/echo", "outage " + thread + " " + i, 8, i % 2 == 0));
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() == 200) {
                            answered.add(r.headers().firstValue("X-Request-Id").orElseThrow());
                        } else if (r.statusCode() == 503) {
                            refusalCodes.add(Gw.code(r));
                            assertEquals("api_error", Gw.error(r).getString("type"), r::body);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue(statuses.getOrDefault(200, 0) > 20, "the gateway served calls while the database was away: " + statuses);
        assertEquals(Set.of(200, 503), statuses.keySet(), "only 200s, then refusals: " + statuses);
        assertEquals(Set.of("metering_unavailable"), refusalCodes, "refused because the journal is full");
        HttpResponse<String> refused = gw.chat(key, Gw.chatBody("demo/echo", "still full", 8, false));
        assertEquals(503, refused.statusCode(), refused::body);
        assertEquals("metering_unavailable", Gw.code(refused));

        // readiness names the database (and the full journal); liveness stays up: a restart would not help
        HttpResponse<String> ready = health(server, "ready");
        assertEquals(503, ready.statusCode(), ready::body);
        JsonObject report = Gw.json(ready.body());
        assertEquals("DOWN", report.getString("status"));
        assertEquals(Map.of("database", "DOWN", "usage-journal", "DOWN", "upstreams", "UP"), statuses(report), ready::body);
        assertEquals(200, health(server, "live").statusCode(), () -> health(server, "live").body());

        // the management API, with Basic authentication (which reads the account from the database)
        Api.Resp teams = gw.admin.get("api/v1/teams");
        assertEquals(503, teams.status(), teams::toString);
        assertEquals("database_unavailable", teams.str("code"), teams::toString);
        assertNotNull(teams.header("Retry-After"), "Retry-After is set");
        assertTrue(teams.contentType().startsWith("application/problem+json"), teams.contentType());
        Api.Resp write = gw.admin.post("api/v1/teams", "{\"name\":\"" + Api.unique("during") + "\",\"balance\":\"1\"}");
        assertEquals(503, write.status(), write::toString);

        // the pages of a logged-in admin
        HttpResponse<String> page = page(server, browser, "admin/teams/list.xhtml");
        assertEquals(503, page.statusCode(), page::body);
        assertNotNull(page.headers().firstValue("Retry-After").orElse(null), "Retry-After on the page");
        assertTrue(page.body().contains("database"), page.body());
        assertFalse(page.body().contains("PSQLException") || page.body().contains("at org."), "no stack trace: " + page.body());
        // a button of a page opened before the outage (an ajax request) leads to the outage text
        audit.filterTargetId("outage");
        assertTrue(browser.driver().getCurrentUrl().contains("error.xhtml?unavailable=true"), browser.driver()::getCurrentUrl);
        assertTrue(browser.driver().getPageSource().contains("database cannot be reached"), browser.driver().getPageSource());
        browser.go("admin/teams/list.xhtml");
        assertTrue(browser.driver().getPageSource().contains("database cannot be reached"), browser.driver().getPageSource());

        link.restore();

        // the journal drains into the database: one record per answered call, one debit per record
        JsonObject usage = Eventually.await("the usage records of the outage").atMost(Duration.ofMinutes(2))
                .until(() -> gw.admin.get("api/v1/usage/records?key_id=" + keyId + "&size=1").status() == 200
                        ? gw.admin.get("api/v1/usage/records?key_id=" + keyId + "&size=1").json() : null,
                        u -> u != null && u.getInt("total") >= answered.size());
        Map<String, Integer> recordsById = new HashMap<>();
        BigDecimal cost = BigDecimal.ZERO;
        int total = usage.getInt("total");
        for (int p = 1; (p - 1) * 200 < total; p++) {
            JsonObject records = gw.admin.get("api/v1/usage/records?key_id=" + keyId + "&size=200&page=" + p).json();
            for (JsonValue item : records.getJsonArray("items")) {
                JsonObject record = item.asJsonObject();
                recordsById.merge(record.getString("request_id"), 1, Integer::sum);
                cost = cost.add(record.getJsonNumber("cost_usd").bigDecimalValue());
            }
        }
        assertEquals(answered.size(), total, "one record for each answered call and none for a refused one");
        for (String id : answered) {
            assertEquals(1, recordsById.getOrDefault(id, 0), "exactly one record for " + id);
        }
        gw.balanceOnceItIs(team, new BigDecimal("5").subtract(cost));

        // and all works again: readiness, calls, the API, the pages
        Eventually.await("readiness to be up again").until(() -> health(server, "ready").statusCode(), s -> s == 200);
        Eventually.await("the gateway to take calls again").until(
                () -> gw.chat(key, Gw.chatBody("demo/echo", "after", 8, false)).statusCode(), s -> s == 200);
        assertEquals(200, gw.admin.get("api/v1/teams").status());
        assertEquals(200, page(server, browser, "admin/teams/list.xhtml").statusCode());

        // the JSON log: one object per line, an access record for every answered call, the outage warnings, no key
        Set<String> logged = new java.util.HashSet<>();
        boolean outageWarned = false;
        for (String line : Files.readAllLines(jsonLog)) {
            JsonObject record = Gw.json(line);
            assertFalse(line.contains(key.substring(3)), "no key in the log: " + line);
            if ("org.keygate.access".equals(record.getString("logger"))) {
                logged.add(record.getString("request_id"));
                assertEquals("chat_completions", record.getString("endpoint"), line);
                assertEquals(keyId, record.getString("key_id"), line);
                assertEquals(team, record.getString("team_id"), line);
            }
            outageWarned |= record.getString("logger").endsWith("OutageFilter") && "WARNING".equals(record.getString("level"));
        }
        assertTrue(logged.containsAll(answered), "every answered call is in the access log");
        assertTrue(outageWarned, "the outage is in the JSON log");
    }

    private static HttpResponse<String> health(ServerProcess server, String which) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "health/" + which))
                    .timeout(Duration.ofSeconds(30)).GET().build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            ApiContract.get().check(request, null, response);
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> statuses(JsonObject report) {
        Map<String, String> statuses = new HashMap<>();
        for (JsonValue check : report.getJsonArray("checks")) {
            statuses.put(check.asJsonObject().getString("name"), check.asJsonObject().getString("status"));
        }
        return statuses;
    }

    private static String okCall(Gw gw, String key, String message) {
        HttpResponse<String> r = gw.chat(key, Gw.chatBody("demo/echo", message, 8, false));
        assertEquals(200, r.statusCode(), r::body);
        return r.headers().firstValue("X-Request-Id").orElseThrow();
    }

    /** A page fetched with the browser's session cookie, to see its status code and headers. */
    private static HttpResponse<String> page(ServerProcess server, Browser browser, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path)).header("Cookie", browser.cookieHeader())
                .timeout(Duration.ofSeconds(60)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
