package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call answered is never lost from metering, even when the JVM dies the next instant: a server
 * of the build's kind (Payara Micro, or WildFly with {@code -Dwildfly}) on an H2 file database in
 * a temp dir takes a parallel burst of {@code demo/echo} calls and is killed with SIGKILL in the
 * middle of it (no shutdown hook, no final flush); restarted on the same files, it has exactly one
 * usage record for every call that got a 200, the team's ledger debited with each record's cost
 * once, and {@code usage_today} of {@code /v1/key/info} counting them all. The writer flushes every
 * 300 ms, so at the kill some records are in the database and some only in the journal; the ones in
 * both are read again at the restart and must not be written twice.
 */
class CrashIT {

    private static final int THREADS = 8;
    private static final int KILL_AFTER = 400;
    private static final String BALANCE = "5";

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void everyAnsweredCallIsMeteredOnceAfterAKillDashNine() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-it-");
        Map<String, String> settings = Map.of("keygate.usage.flush-interval-ms", "300",
                "keygate.usage.journal-dir", dir.resolve("journal").toString());

        ServerProcess first = start(dir, "first", settings);
        Gw gw = new Gw(Api.at(first.url()));
        String team = gw.team(BALANCE);
        JsonObject created = gw.key(team, "\"rpm_limit\":100000");
        String key = created.getString("key");

        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger otherStatus = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER);
        ExecutorService burst = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            burst.submit(() -> {
                for (int i = 0; i < 100_000; i++) {
                    attempts.incrementAndGet();
                    HttpResponse<String> r;
                    try {
                        r = gw.chat(key, Gw.chatBody("demo/echo", "burst " + thread + " " + i, 8, i % 2 == 0));
                    } catch (UncheckedIOException e) {
                        return; // the server is gone
                    }
                    if (r.statusCode() == 200) {
                        answered.add(r.headers().firstValue("X-Request-Id").orElseThrow());
                        enough.countDown();
                    } else {
                        otherStatus.incrementAndGet();
                    }
                }
            });
        }
        assertTrue(enough.await(5, TimeUnit.MINUTES), "the burst got going: " + answered.size() + " answered");
        int exit = kill(first);
        burst.shutdown();
        assertTrue(burst.awaitTermination(2, TimeUnit.MINUTES), "every client saw the server go");
        assertEquals(137, exit, "killed by SIGKILL (128 + 9): no shutdown hook, no final flush ran");
        assertEquals(0, otherStatus.get(), "every call before the kill was answered 200");
        int answeredBeforeKill = answered.size();
        assertTrue(answeredBeforeKill >= KILL_AFTER);

        ServerProcess second = start(dir, "second", settings);
        Gw again = new Gw(Api.at(second.url()));
        Map<String, Integer> recordsById = new HashMap<>();
        BigDecimal cost = BigDecimal.ZERO;
        int total = -1;
        for (int page = 1; total < 0 || (page - 1) * 200 < total; page++) {
            JsonObject usage = again.admin.get("api/v1/usage/records?key_id=" + created.getString("id") + "&size=200&page="
                    + page).json();
            total = usage.getInt("total");
            for (JsonValue item : usage.getJsonArray("items")) {
                JsonObject record = item.asJsonObject();
                recordsById.merge(record.getString("request_id"), 1, Integer::sum);
                assertEquals(200, record.getInt("status"), record::toString);
                cost = cost.add(record.getJsonNumber("cost_usd").bigDecimalValue());
            }
        }
        assertEquals(total, recordsById.size(), "one record per request id");
        for (String id : answered) {
            assertEquals(1, recordsById.getOrDefault(id, 0), "exactly one record for the answered call " + id);
        }
        assertTrue(total <= attempts.get(), "no record without a call: " + total + " of " + attempts.get());
        // calls journaled whose answer the kill cut off may have their record too; none answered lacks one
        assertTrue(total >= answeredBeforeKill, total + " records, " + answeredBeforeKill + " answered");
        assertTrue(cost.signum() > 0);

        BigDecimal after = again.admin.get("api/v1/teams/" + team).json().getJsonNumber("balance").bigDecimalValue();
        assertEquals(0, new BigDecimal(BALANCE).subtract(cost).compareTo(after),
                "the ledger is debited with every record's cost, once: " + after + " after " + cost);

        JsonObject today = Gw.json(again.get("v1/key/info", Map.of("x-api-key", key)).body()).getJsonObject("usage_today");
        assertEquals(total, today.getInt("requests"), "the restarted gateway's day includes the journaled calls: " + today);
        assertEquals(0, cost.compareTo(today.getJsonNumber("cost").bigDecimalValue()), today::toString);
    }

    /**
     * SIGKILL to the server's JVM ({@link Process#destroyForcibly} is SIGKILL on Linux; for WildFly
     * the JVM is a child of {@code standalone.sh}, killed first); answers the JVM's exit status.
     */
    private static int kill(ServerProcess server) throws Exception {
        List<ProcessHandle> children = server.process().descendants().toList();
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
        server.process().destroyForcibly();
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server died");
        for (ProcessHandle child : children) {
            child.onExit().get(60, TimeUnit.SECONDS);
        }
        return server.process().exitValue();
    }

    private ServerProcess start(Path dir, String name, Map<String, String> settings) {
        File war = dir.resolve(name + ".war").toFile();
        Deployments.keygate(settings, Deployments.embeddedH2(dir.resolve("keygate")))
                .as(ZipExporter.class).exportTo(war, true);
        ServerProcess server = ServerProcess.ofBuildKind(war, dir.resolve("wildfly"), dir.resolve(name + ".log"), null);
        servers.add(server);
        return server;
    }
}
