package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.team.control.TeamBalances;
import org.keygate.usage.control.UsageBatchWriter;
import org.keygate.usage.control.UsageEvent;

/**
 * What several Keygate nodes do to one PostgreSQL at the same moment, run against the tests'
 * embedded PostgreSQL directly (whatever {@code keygate.it.db} says, since no server is involved):
 * usage writers that start the same roll-up rows together and bill the same teams, top-ups of those
 * teams meanwhile, and two nodes migrating one empty database at once. Each test gets a database of
 * its own with the application's migrations; every writer commits or rolls back its own
 * transaction, as the usage recorder does, and none may fail.
 */
class PostgresRacesIT {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");
    private static final int WRITERS = 8;
    private static final int BATCHES = 20;
    private static final List<String> KEYS = List.of("key_a1", "key_a2", "key_b1", "key_b2");
    private static final List<String> IPS = List.of("10.0.0.1", "10.0.0.2", "10.0.0.3");

    private DataSource db;

    @BeforeEach
    void aMigratedDatabaseOfItsOwn() throws SQLException {
        db = database();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").failOnMissingLocations(true).load()
                .migrate();
        try (Connection c = db.getConnection()) {
            update(c, "INSERT INTO member (id, username, status, created_at, version) VALUES ('mem_1', 'ann', 'ACTIVE', ?, 1)",
                    NOW.atOffset(ZoneOffset.UTC));
            for (String team : List.of("team_a", "team_b")) {
                update(c, "INSERT INTO team (id, name, time_zone, work_days, work_start, work_end, billing, created_at,"
                        + " version) VALUES (?, ?, 'UTC', 'MON', '09:00', '17:00', 'PREPAID', ?, 1)", team, team,
                        NOW.atOffset(ZoneOffset.UTC));
                update(c, "INSERT INTO team_balance (team_id, balance) VALUES (?, 100)", team);
            }
            for (String key : KEYS) {
                update(c, "INSERT INTO api_key (id, team_id, owner_id, name, key_hash, key_prefix, last4, allowed_models,"
                        + " ip_whitelist, status, created_at, created_by, version) VALUES (?, ?, 'mem_1', ?, ?, 'ck-',"
                        + " 'abcd', '[]', '[]', 'ACTIVE', ?, 'ann', 1)", key, team(key), key,
                        String.format(Locale.ROOT, "%064d", KEYS.indexOf(key)), NOW.atOffset(ZoneOffset.UTC));
            }
        }
    }

    @Test
    void usageWritersAndTopUpsOnSeveralNodesLoseNothing() throws Exception {
        UsageBatchWriter writer = new UsageBatchWriter(Clock.fixed(NOW, ZoneOffset.UTC));
        CyclicBarrier start = new CyclicBarrier(WRITERS + 2);
        List<Callable<Void>> work = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int node = w;
            work.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                for (int b = 0; b < BATCHES; b++) {
                    List<UsageEvent> batch = new ArrayList<>();
                    for (int k = 0; k < KEYS.size(); k++) {
                        // every writer starts the same hourly, daily and address rows in its first batch
                        String key = KEYS.get((k + node) % KEYS.size());
                        batch.add(event("req_" + node + "_" + b + "_" + k, key, IPS.get((node + b + k) % IPS.size()),
                                HOUR.plusSeconds(node * 60L + b)));
                    }
                    inTransaction(c -> writer.write(c, batch));
                }
                return null;
            });
        }
        for (String team : List.of("team_a", "team_b")) {
            work.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                for (int i = 0; i < 50; i++) {
                    inTransaction(c -> {
                        try (PreparedStatement add = c.prepareStatement(TeamBalances.ADD)) {
                            add.setBigDecimal(1, new BigDecimal("1.000001"));
                            add.setString(2, team);
                            add.executeUpdate();
                        }
                        return null;
                    });
                }
                return null;
            });
        }
        runAll(work);

        long calls = (long) WRITERS * BATCHES * KEYS.size();
        try (Connection c = db.getConnection()) {
            assertEquals(calls, count(c, "SELECT COUNT(*) FROM usage_record"));
            for (String table : List.of("usage_hourly", "usage_daily")) {
                assertEquals(KEYS.size(), count(c, "SELECT COUNT(*) FROM " + table), "one row per key: " + table);
                assertEquals(calls, count(c, "SELECT SUM(requests) FROM " + table), "no lost update in " + table);
                assertEquals(calls * 10, count(c, "SELECT SUM(input_tokens) FROM " + table));
                assertEquals(0, decimal(c, "SELECT SUM(cost_usd) FROM " + table).compareTo(BigDecimal.valueOf(calls * 1_500L, 6)));
            }
            assertEquals(KEYS.size() * IPS.size(), count(c, "SELECT COUNT(*) FROM usage_key_ip"));
            assertEquals(calls, count(c, "SELECT SUM(calls) FROM usage_key_ip"), "no lost update of the address list");
            assertEquals(0, count(c, "SELECT COUNT(*) FROM usage_key_ip WHERE first_seen > last_seen"));
            // each team: 100 + 50 top-ups of 1.000001 - half the calls at 0.0015
            BigDecimal expected = new BigDecimal("100").add(new BigDecimal("50.000050"))
                    .subtract(BigDecimal.valueOf(calls / 2 * 1_500L, 6));
            for (String team : List.of("team_a", "team_b")) {
                assertEquals(0, expected.compareTo(decimal(c, "SELECT balance FROM team_balance WHERE team_id = '" + team + "'")),
                        "balance of " + team + " after concurrent debits and top-ups");
                assertEquals(0, BigDecimal.valueOf(-calls / 2 * 1_500L, 6).compareTo(decimal(c,
                        "SELECT SUM(amount) FROM ledger_entry WHERE team_id = '" + team + "'")), "usage ledger of " + team);
            }
            assertEquals(KEYS.size(), count(c, "SELECT COUNT(*) FROM api_key WHERE last_used_at IS NOT NULL"));
        }
    }

    @Test
    void twoNodesMigratingOneEmptyDatabaseAtOnceBothSucceed() throws Exception {
        DataSource fresh = database();
        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<MigrateResult>> nodes = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            nodes.add(() -> {
                start.await(30, TimeUnit.SECONDS);
                return Flyway.configure().dataSource(fresh).locations("classpath:db/migration")
                        .failOnMissingLocations(true).load().migrate();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int applied = 0;
        try {
            for (Future<MigrateResult> result : pool.invokeAll(nodes)) {
                assertTrue(result.get().success);
                applied += result.get().migrationsExecuted;
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = fresh.getConnection()) {
            long versions = count(c, "SELECT COUNT(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL");
            assertEquals(versions, applied, "each migration ran once, on one of the two nodes");
            assertEquals(versions, count(c, "SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM audit_head"), "the seed row of V1 exists once");
        }
    }

    private static DataSource database() {
        String name = "races_" + UUID.randomUUID().toString().replace("-", "");
        TestDatabase.freshDatabase(name);
        return TestDatabase.dataSource(name);
    }

    private static String team(String key) {
        return key.startsWith("key_a") ? "team_a" : "team_b";
    }

    private static UsageEvent event(String requestId, String key, String ip, Instant at) {
        return new UsageEvent(requestId, key, team(key), "demo/echo", "demo", 200, null, 10, 20, 0, 0, 1_500, 5, ip,
                ChronoUnit.MICROS.between(Instant.EPOCH, at));
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void runAll(List<Callable<Void>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get(); // a writer's failure (deadlock, unique violation) fails the test here
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static BigDecimal decimal(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getBigDecimal(1);
        }
    }
}
