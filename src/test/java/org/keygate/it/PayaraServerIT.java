package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonObject;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the full Payara Server 6 (not Micro) on PostgreSQL: a domain of its own made by
 * {@link ServerProcess#payaraServer} from the distribution Maven unpacks with {@code -Dpayara-server}
 * ({@code payara.server.home}), the driver in the domain's {@code lib/}, the pool, resource and
 * {@code keygate.datasource} of {@code server-config/payara/postgres-pool.asadmin}, the WAR deployed by
 * {@code asadmin deploy}; then what a user does first, over HTTP: the admin on the API, a team and a
 * key, a metered gateway call, the login page. The database is the tests' embedded PostgreSQL
 * ({@link TestDatabase}) whatever {@code keygate.it.db} says. Without the profile the class is
 * skipped with a message saying so (CI runs it: {@code .ci/run}, the WildFly and PostgreSQL call).
 */
class PayaraServerIT {

    static final String DATABASE = "keygate_payara_server";
    /** Where the WAR's own H2 datasource would write, were it ever opened instead of the pool. */
    static final Path UNUSED_H2 = Path.of("target", "payara-server", "unused-h2").toAbsolutePath();

    static ServerProcess server;
    static URL url;
    /** Why the class cannot run (no distribution), or null: its tests are then reported as skipped with this reason. */
    static String missing;

    @BeforeAll
    static void startPayaraServer() {
        String home = System.getProperty("payara.server.home");
        boolean there = home != null && !home.isBlank() && Files.isRegularFile(Path.of(home, "bin", "asadmin"));
        if (!there) {
            missing = "PayaraServerIT NOT RUN: no Payara Server distribution (payara.server.home=" + home
                    + "); run with -Dpayara-server, e.g. mvn verify -Dpayara-server -Dit.test=PayaraServerIT";
            System.err.println("*** " + missing + " ***");
            return;
        }
        Path dir = Path.of("target", "payara-server").toAbsolutePath();
        File war = dir.resolve("keygate.war").toFile();
        try {
            Files.createDirectories(dir);
            if (Files.exists(UNUSED_H2)) { // left by an earlier run
                try (var files = Files.walk(UNUSED_H2)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Deployments.keygate(Map.of(), "jdbc:h2:file:" + UNUSED_H2.resolve("keygate") + ";DB_CLOSE_ON_EXIT=FALSE")
                .as(ZipExporter.class).exportTo(war, true);
        TestDatabase.freshDatabase(DATABASE);
        server = ServerProcess.payaraServer(Path.of(home), dir.resolve("domains"), war, dir.resolve("payara-server.log"),
                DATABASE);
        url = server.url();
    }

    @BeforeEach
    void distributionThere() {
        Assumptions.assumeTrue(missing == null, missing);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            assertFalse(server.process().isAlive(), "the domain stopped");
        }
    }

    @Test
    void theAdminMakesATeamAndAKeyAndAGatewayCallIsMeteredInPostgres() throws SQLException {
        Api admin = Api.at(url).asAdmin();
        Api.Resp me = admin.get("api/v1/me");
        assertEquals(200, me.status(), me::toString);

        Gw gw = new Gw(Api.at(url));
        String team = gw.team("1");
        JsonObject created = gw.key(team, "");
        HttpResponse<String> r = gw.chat(created.getString("key"), Gw.chatBody("demo/echo", "hello from payara server", 50, false));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("hello from payara server", Gw.json(r.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content"));

        JsonObject usage = gw.usage(created.getString("id"), 1);
        assertEquals(1, usage.getInt("total"), usage::toString);
        JsonObject record = usage.getJsonArray("items").getJsonObject(0);
        assertEquals(200, record.getInt("status"), record::toString);
        assertTrue(Gw.sumCost(usage).compareTo(BigDecimal.ZERO) > 0, "the call cost something: " + usage);

        try (Connection c = TestDatabase.dataSource(DATABASE).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM team WHERE id = ?")) {
            s.setString(1, team);
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1), "the team is a row of the pool's PostgreSQL database");
            }
        }
        assertFalse(Files.exists(UNUSED_H2), "the WAR's H2 datasource was never opened: " + UNUSED_H2);
    }

    @Test
    void theOpenApiDocumentIsKeygatesOwn() {
        HttpResponse<String> document = Gw.send(HttpRequest.newBuilder(Api.at(url).uri("openapi?format=json")).GET());
        assertEquals(200, document.statusCode(), document.body());
        assertTrue(document.body().contains("\"/api/v1/keys\""), "Keygate's paths, not the server's generated document");
    }

    @Test
    void theLoginPageRenders() {
        HttpResponse<String> page = Gw.send(HttpRequest.newBuilder(Api.at(url).uri("login.xhtml")).GET());
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"login\""), "the login form: " + page.body());
        assertTrue(page.body().contains("type=\"password\""), "the password field: " + page.body());
    }

    @Test
    void theServerListensOnLoopbackOnly() {
        Set<String> open = ListeningSocketsIT.listening(server.process().toHandle());
        System.out.println("PayaraServerIT: Payara Server (HTTP " + url.getPort() + ") listens on " + open);
        for (String socket : open) {
            assertTrue(socket.contains(" 127.0.0.1:") || socket.contains(" [::1]:"), "not on loopback: " + socket
                    + " (all: " + open + ")");
        }
        String http = "tcp 127.0.0.1:" + url.getPort();
        assertTrue(open.contains(http), http + " in " + open);
    }
}
