package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The one WAR on a server whose datasource names PostgreSQL at start-up ({@code keygate.datasource},
 * set by the production setup files in {@code server-config/}): what the API writes lands in that
 * database, and (on Payara) the WAR's own H2 datasource is never opened. Runs on {@code -Dkeygate.it.db=postgres};
 * an H2 run reports it as skipped with this reason.
 */
@SharedServer
@EnabledIfSystemProperty(named = "keygate.it.db", matches = "postgres", disabledReason = "runs on -Dkeygate.it.db=postgres")
class DatasourceIT {

    @SharedServer.Url
    URL url;

    @Test
    void whatTheApiWritesIsInThePostgresDatabaseAndTheEmbeddedH2IsNeverCreated() throws SQLException {
        Api api = Api.at(url).asAdmin();
        String name = Api.unique("pg-team");
        Api.Resp team = api.post("api/v1/teams", "{\"name\":\"" + name + "\"}");
        assertEquals(201, team.status(), team::toString);
        assertEquals(201, api.post("api/v1/teams/" + team.str("id") + "/ledger", "{\"amount\":12.345678,\"note\":\"pg\"}").status());

        try (Connection c = TestDatabase.dataSource(SharedServer.DATABASE).getConnection();
                PreparedStatement s = c.prepareStatement("SELECT t.name, b.balance FROM team t"
                        + " JOIN team_balance b ON b.team_id = t.id WHERE t.id = ?")) {
            s.setString(1, team.str("id"));
            try (ResultSet r = s.executeQuery()) {
                assertEquals(true, r.next(), "the team is a row of the server's PostgreSQL database");
                assertEquals(name, r.getString(1));
                assertEquals(new BigDecimal("12.345678"), r.getBigDecimal(2));
            }
        }
        if (!"wildfly".equals(System.getProperty("arquillian.launch"))) {
            // WildFly opens the initial connections of every pool when it deploys, so there the file exists, empty
            assertFalse(Files.exists(Deployments.UNUSED_H2), "no server opened the WAR's H2 datasource: " + Deployments.UNUSED_H2);
        }
    }
}
