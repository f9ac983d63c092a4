package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * A usage record the database refuses on its own (here: a CHECK constraint the test adds on
 * PostgreSQL against one key's records) does not hold the journal: after a few failed rounds the
 * writer writes the batch record by record, sets the refused ones aside in the journal's
 * {@code dead-letter.jsonl} (fsynced, with the database's reason and the whole record), and every
 * other record is written and debited exactly once. Readiness stays UP and reports the count, as
 * does {@code keygate_usage_dead_lettered_total}.
 */
class DeadLetterIT {

    private static final String DATABASE = "keygate_dead_letter";

    @Test
    void aRecordTheDatabaseRefusesIsSetAsideAndTheOthersAreWritten() throws Exception {
        TestDatabase.freshDatabase(DATABASE);
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "dead-letter-it-");
        Path journal = dir.resolve("journal");
        File war = dir.resolve("keygate.war").toFile();
        Deployments.keygate(Map.of("keygate.usage.flush-interval-ms", "200", "keygate.usage.journal-dir", journal.toString()),
                "jdbc:h2:mem:dead-letter-unused;DB_CLOSE_DELAY=-1").as(ZipExporter.class).exportTo(war, true);
        try (ServerProcess server = ServerProcess.ofBuildKind(war, dir.resolve("wildfly"), dir.resolve("server.log"), DATABASE,
                Map.of())) {
            Gw gw = new Gw(Api.at(server.url()));
            String team = gw.team("5");
            JsonObject good = gw.key(team, "\"rpm_limit\":1000");
            JsonObject poisoned = gw.key(team, "\"rpm_limit\":1000");
            String poisonedId = poisoned.getString("id");
            execute("ALTER TABLE usage_record ADD CONSTRAINT it_refused_key CHECK (key_id <> '" + poisonedId + "') NOT VALID");
            try {
                Scrape before = Scrape.of(gw);
                Set<String> refused = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    assertEquals(200, gw.chat(good.getString("key"), Gw.chatBody("demo/echo", "good " + i, 8, false)).statusCode());
                    HttpResponse<String> r = gw.chat(poisoned.getString("key"), Gw.chatBody("demo/echo", "refused " + i, 8, false));
                    assertEquals(200, r.statusCode(), r::body);
                    refused.add(r.headers().firstValue("X-Request-Id").orElseThrow());
                }

                JsonObject written = gw.usage(good.getString("id"), 3);
                assertEquals(3, written.getInt("total"), "every other record is written: " + written);
                Path file = journal.resolve("dead-letter.jsonl");
                List<String> lines = Eventually.await("the refused records in " + file)
                        .until(() -> Files.exists(file) ? Files.readAllLines(file) : List.<String>of(), l -> l.size() == 3);
                Set<String> setAside = new HashSet<>();
                for (String line : lines) {
                    JsonObject entry = Json.createReader(new StringReader(line)).readObject();
                    assertTrue(entry.getString("error").contains("it_refused_key"), "the database's reason: " + line);
                    JsonObject record = entry.getJsonObject("record");
                    assertEquals(poisonedId, record.getString("key_id"));
                    assertEquals(team, record.getString("team_id"));
                    assertTrue(record.getJsonNumber("cost_micros").longValue() > 0, line);
                    setAside.add(record.getString("request_id"));
                }
                assertEquals(refused, setAside, "exactly the refused calls, once each");
                assertEquals(0, gw.admin.get("api/v1/usage/records?key_id=" + poisonedId).json().getInt("total"));
                BigDecimal cost = Gw.sumCost(written);
                gw.balanceOnceItIs(team, new BigDecimal("5").subtract(cost));

                HttpResponse<String> ready = gw.get("health/ready", Map.of());
                assertEquals(200, ready.statusCode(), ready::body);
                JsonObject usageJournal = Json.createReader(new StringReader(ready.body())).readObject().getJsonArray("checks")
                        .stream().map(JsonValue::asJsonObject).filter(c -> c.getString("name").equals("usage-journal"))
                        .findFirst().orElseThrow();
                assertEquals("UP", usageJournal.getString("status"));
                assertEquals(3, usageJournal.getJsonObject("data").getInt("dead_lettered"), ready::body);
                assertEquals(3, Scrape.of(gw).delta(before, "keygate_usage_dead_lettered_total"));
            } finally {
                execute("ALTER TABLE usage_record DROP CONSTRAINT it_refused_key");
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource(DATABASE).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
