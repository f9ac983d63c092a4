package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * No usage record is lost on a clean shutdown (docs/gateway.md), on the embedded default: Payara Micro with
 * an H2 file database, started by this test as the README's run command does. Calls are made with
 * a flush interval of an hour, so every record is still queued when the server is told to stop
 * (SIGTERM, as Ctrl+C or a service manager does); after a restart on the same database file each
 * call has its record and the team its ledger debit. Runs in the Payara profile (it needs Payara
 * Micro's jar); the same {@code @PreDestroy} flush runs on any server's clean undeploy.
 */
class ShutdownFlushIT {

    private static final int CALLS = 40;

    private final List<ServerProcess> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(ServerProcess::close);
    }

    @Test
    void queuedUsageRecordsAreWrittenWhenTheServerStopsCleanly() throws Exception {
        String microJar = System.getProperty("payara.microJar");
        Assumptions.assumeTrue(microJar != null && new File(microJar).isFile(), "runs on Payara Micro only");
        Path dir = Files.createTempDirectory(Path.of("target"), "shutdown-it-");
        String database = dir.resolve("keygate").toAbsolutePath().toString();

        ServerProcess first = start(microJar, dir, "first", database, Map.of("keygate.usage.flush-interval-ms", "3600000"));
        Gw gw = new Gw(Api.at(first.url()));
        String team = gw.team("5");
        // a half-hour time zone: after the restart the key's day so far is read from whole hours of
        // the hourly roll-up plus the raw records of the part-hour after local midnight
        assertEquals(200, gw.admin.patch("api/v1/teams/" + team, "{\"time_zone\":\"Asia/Kolkata\"}").status());
        JsonObject created = gw.key(team, "");
        String key = created.getString("key");
        for (int i = 0; i < CALLS; i++) {
            assertEquals(200, gw.chat(key, Gw.chatBody("demo/echo", "call " + i, 8, false)).statusCode());
        }
        JsonObject stats = gw.admin.get("api/v1/gateway/stats").json();
        assertEquals(CALLS, stats.getInt("usage_pending"), "nothing written yet: " + stats);
        BigDecimal before = gw.admin.get("api/v1/teams/" + team).json().getJsonNumber("balance").bigDecimalValue();
        assertEquals(0, new BigDecimal("5").compareTo(before), "nothing debited yet");

        first.process().destroy(); // SIGTERM: a clean stop
        assertTrue(first.process().waitFor(120, TimeUnit.SECONDS), "the server stopped");

        ServerProcess second = start(microJar, dir, "second", database, Map.of());
        Gw again = new Gw(Api.at(second.url()));
        JsonObject usage = again.admin.get("api/v1/usage/records?key_id=" + created.getString("id") + "&size=100").json();
        assertEquals(CALLS, usage.getInt("total"), "every call of the first run has its record");
        BigDecimal cost = Gw.sumCost(usage);
        assertTrue(cost.signum() > 0);
        BigDecimal after = again.admin.get("api/v1/teams/" + team).json().getJsonNumber("balance").bigDecimalValue();
        assertEquals(0, new BigDecimal("5").subtract(cost).compareTo(after), "the ledger was debited with exactly their cost");

        JsonObject today = Gw.json(again.get("v1/key/info", Map.of("x-api-key", key)).body()).getJsonObject("usage_today");
        assertEquals(CALLS, today.getInt("requests"), "the restarted gateway knows the key's day so far: " + today);
        assertEquals(0, cost.compareTo(today.getJsonNumber("cost").bigDecimalValue()), today::toString);
    }

    @Test
    void relayedCallsStillOpenAtShutdownAreSettledAndMeteredOnce() throws Exception {
        String microJar = System.getProperty("payara.microJar");
        Assumptions.assumeTrue(microJar != null && new File(microJar).isFile(), "runs on Payara Micro only");
        Path dir = Files.createTempDirectory(Path.of("target"), "shutdown-relay-it-");
        String database = dir.resolve("keygate").toAbsolutePath().toString();
        try (StubUpstream stub = new StubUpstream()) {
            ServerProcess first = start(microJar, dir, "first", database, Map.of("keygate.it.upstream-key", "sk-it"));
            Gw gw = new Gw(Api.at(first.url()));
            String openai = gw.stubProvider("openai", "held", stub.baseUrl(), new String[] {"held"}).str("id");
            String anthropic = gw.stubProvider("anthropic", "held", stub.baseUrl(), new String[] {"held"}).str("id");
            String team = gw.team("5");
            JsonObject created = gw.key(team, "");
            String key = created.getString("key");
            // a stream of each streaming API (chat, Responses, Messages), each past its first text event
            // (Anthropic's past message_start, before any message_delta), the stub holding the rest: no usage
            // has arrived for any of them
            List<BigDecimal> reservations = new ArrayList<>();
            List<java.util.Iterator<String>> open = new ArrayList<>();
            for (RelayIT.Streamed api : RelayIT.streamed()) {
                String body = api.body((api.kind().equals("anthropic") ? anthropic : openai) + "/held", 10);
                HttpResponse<java.util.stream.Stream<String>> r = Gw.HTTP.send(HttpRequest.newBuilder(gw.api.uri(api.path()))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofLines());
                assertEquals(200, r.statusCode(), api::path);
                java.util.Iterator<String> lines = r.body().iterator();
                String line;
                do {
                    assertTrue(lines.hasNext(), api + " ended before its first text");
                    line = lines.next();
                } while (!line.contains("\"stub \""));
                open.add(lines);
                reservations.add(Gw.stubReservation(body, 10).stripTrailingZeros());
            }

            first.process().destroy(); // SIGTERM while the three streams are open
            assertTrue(first.process().waitFor(120, TimeUnit.SECONDS), "the server stopped");
            stub.release.countDown();

            ServerProcess second = start(microJar, dir, "second", database, Map.of());
            Gw again = new Gw(Api.at(second.url()));
            JsonObject usage = again.admin.get("api/v1/usage/records?key_id=" + created.getString("id") + "&size=100").json();
            assertEquals(3, usage.getInt("total"), "one record per open call: " + usage);
            List<BigDecimal> costs = new ArrayList<>();
            for (var item : usage.getJsonArray("items")) {
                assertEquals("server_shutdown", item.asJsonObject().getString("error_code"));
                costs.add(item.asJsonObject().getJsonNumber("cost_usd").bigDecimalValue().stripTrailingZeros());
            }
            assertEquals(reservations.stream().sorted().toList(),
                    costs.stream().sorted().toList(), "each billed at its reservation: no usage had arrived");
            BigDecimal after = again.admin.get("api/v1/teams/" + team).json().getJsonNumber("balance").bigDecimalValue();
            assertEquals(0, new BigDecimal("5").subtract(Gw.sumCost(usage)).compareTo(after), "debited once each");
        }
    }

    /** Payara Micro with a WAR built for this database file; returns once the app answers. */
    private ServerProcess start(String microJar, Path dir, String name, String database, Map<String, String> settings) {
        File war = dir.resolve(name + ".war").toFile();
        Deployments.keygate(settings, Deployments.embeddedH2(Path.of(database)))
                .as(ZipExporter.class).exportTo(war, true);
        ServerProcess server = ServerProcess.payaraMicro(microJar, war, dir.resolve(name + ".log"));
        servers.add(server);
        return server;
    }
}
