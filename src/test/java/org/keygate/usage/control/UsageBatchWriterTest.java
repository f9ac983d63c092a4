package org.keygate.usage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage writer against the real schema: a fresh in-memory H2 per test with the application's
 * Flyway migrations applied, each batch written in its own transaction as the recorder does
 * (commit on success, roll back on any failure), then the rows read back with plain SQL.
 */
class UsageBatchWriterTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123456Z");

    private final UsageBatchWriter writer = new UsageBatchWriter(Clock.fixed(NOW, ZoneOffset.UTC));
    private Connection db;

    @BeforeEach
    void migrateAFreshDatabase() throws SQLException {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:usage-writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(source).locations("classpath:db/migration").failOnMissingLocations(true)
                .load().migrate();
        db = source.getConnection();
        db.setAutoCommit(false);
        team("team_a", "5.000000");
        team("team_b", "1.000000");
        update("INSERT INTO member (id, username, status, created_at, version) VALUES ('mem_1', 'ann', 'ACTIVE', ?, 1)",
                NOW.atOffset(ZoneOffset.UTC));
        key("key_a", "team_a");
        key("key_b", "team_b");
        db.commit();
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        update("SHUTDOWN");
        db.close();
    }

    @Test
    void writesRecordsRollupsLedgerBalanceAndLastUseOfABatch() throws SQLException {
        Map<String, Long> debits = commit(List.of(
                event("req_1", "key_a", "team_a", "demo/echo", 200, null, 10, 20, 3, 1_234, "10.0.0.1", AT),
                event("req_2", "key_a", "team_a", "demo/echo", 429, "rate_limit_exceeded", 0, 0, 0, 0, "10.0.0.2",
                        AT.plusSeconds(60)),
                // refused before the body was read: no model; a 401 never counts as the key's last use
                event("req_3", "key_a", "team_a", null, 401, "key_deactivated", 0, 0, 0, 0, "10.0.0.9",
                        AT.plusSeconds(120)),
                event("req_4", "key_b", "team_b", "demo/echo", 200, null, 5, 5, 0, 500_000, "10.0.0.1",
                        AT.plusSeconds(30))));

        assertEquals(Map.of("team_a", 1_234L, "team_b", 500_000L), debits, "micro-USD debited per team");
        assertEquals(4, writer.statements(), "records, ledger, balances, last use: one JDBC batch each");

        assertEquals(List.of(
                List.of("req_1", "key_a", "team_a", "demo/echo", "demo", 200, "-", 10L, 20L, 3L, 1L, "0.001234", 42,
                        "10.0.0.1", AT),
                List.of("req_2", "key_a", "team_a", "demo/echo", "demo", 429, "rate_limit_exceeded", 0L, 0L, 0L, 1L,
                        "0.000000", 42, "10.0.0.2", AT.plusSeconds(60)),
                List.of("req_3", "key_a", "team_a", "-", "demo", 401, "key_deactivated", 0L, 0L, 0L, 1L, "0.000000",
                        42, "10.0.0.9", AT.plusSeconds(120)),
                List.of("req_4", "key_b", "team_b", "demo/echo", "demo", 200, "-", 5L, 5L, 0L, 1L, "0.500000", 42,
                        "10.0.0.1", AT.plusSeconds(30))),
                rows("SELECT request_id, key_id, team_id, COALESCE(model, '-'), provider, status,"
                        + " COALESCE(error_code, '-'), input_tokens, output_tokens, cached_tokens, reasoning_tokens,"
                        + " cost_usd, latency_ms, client_ip, started_at FROM usage_record ORDER BY request_id"),
                "one record per call, exactly as metered");

        Instant hour = AT.truncatedTo(ChronoUnit.HOURS);
        assertEquals(List.of(
                List.of("key_a", "-", hour, "team_a", 1L, 1L, 0L, 0L, 0L, "0.000000"),
                List.of("key_a", "demo/echo", hour, "team_a", 2L, 1L, 10L, 20L, 3L, "0.001234"),
                List.of("key_b", "demo/echo", hour, "team_b", 1L, 0L, 5L, 5L, 0L, "0.500000")),
                rows("SELECT key_id, model, hour_start, team_id, requests, errors, input_tokens, output_tokens,"
                        + " cached_tokens, cost_usd FROM usage_hourly ORDER BY key_id, model"),
                "hourly roll-up per key and model; calls without a model under '-'; 4xx counted as errors");
        LocalDate day = LocalDate.ofInstant(AT, ZoneOffset.UTC);
        assertEquals(List.of(
                List.of("key_a", "-", day, 1L, 1L, "0.000000"),
                List.of("key_a", "demo/echo", day, 2L, 1L, "0.001234"),
                List.of("key_b", "demo/echo", day, 1L, 0L, "0.500000")),
                rows("SELECT key_id, model, usage_day, requests, errors, cost_usd FROM usage_daily"
                        + " ORDER BY key_id, model"));
        assertEquals(List.of(
                List.of("key_a", "10.0.0.1", AT, AT, 1L),
                List.of("key_a", "10.0.0.2", AT.plusSeconds(60), AT.plusSeconds(60), 1L),
                List.of("key_a", "10.0.0.9", AT.plusSeconds(120), AT.plusSeconds(120), 1L),
                List.of("key_b", "10.0.0.1", AT.plusSeconds(30), AT.plusSeconds(30), 1L)),
                rows("SELECT key_id, client_ip, first_seen, last_seen, calls FROM usage_key_ip ORDER BY key_id, client_ip"),
                "every address a key was used from");

        assertEquals(List.of(
                List.of("team_a", "-0.001234", "USAGE", "Gateway usage (batch of 4 calls)", NOW, "system"),
                List.of("team_b", "-0.500000", "USAGE", "Gateway usage (batch of 4 calls)", NOW, "system")),
                rows("SELECT team_id, amount, kind, note, created_at, created_by FROM ledger_entry ORDER BY team_id"),
                "one USAGE ledger entry per team for the batch");
        assertEquals(List.of(List.of("team_a", "4.998766"), List.of("team_b", "0.500000")),
                rows("SELECT team_id, balance FROM team_balance ORDER BY team_id"), "the balance row follows the ledger");

        assertEquals(List.of(List.of("key_a", AT.plusSeconds(60), "10.0.0.2"), List.of("key_b", AT.plusSeconds(30),
                "10.0.0.1")), rows("SELECT id, last_used_at, last_used_ip FROM api_key ORDER BY id"),
                "each key's newest call that was not refused as unauthenticated");
    }

    @Test
    void aBatchReadAgainFromTheJournalWritesOnlyItsRecordsNotYetInTheDatabase() throws SQLException {
        UsageEvent first = event("req_1", "key_a", "team_a", "demo/echo", 200, null, 10, 20, 0, 1_000, "10.0.0.1", AT);
        UsageEvent second = event("req_2", "key_a", "team_a", "demo/echo", 200, null, 10, 20, 0, 2_000, "10.0.0.1",
                AT.plusSeconds(1));
        commit(List.of(first));

        List<UsageEvent> fresh = writer.notYetWritten(db, List.of(first, second));
        assertEquals(List.of(second), fresh, "the record already written is skipped");
        commit(fresh);
        assertEquals(List.of(), writer.notYetWritten(db, List.of(first, second)));

        assertEquals(List.of(List.of(2L)), rows("SELECT COUNT(*) FROM usage_record"));
        assertEquals(List.of(List.of("team_a", "4.997000")),
                rows("SELECT team_id, balance FROM team_balance WHERE team_id = 'team_a'"), "each cost debited once");
        assertEquals(List.of(List.of(2L)), rows("SELECT CAST(SUM(requests) AS BIGINT) FROM usage_daily"), "each call counted once");
    }

    @Test
    void notYetWrittenLooksUpLargeBatchesInChunks() throws SQLException {
        List<UsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            batch.add(event("req_" + i, "key_b", "team_b", "demo/echo", 200, null, 1, 1, 0, 0, "10.0.0.1",
                    AT.plusMillis(i)));
        }
        commit(batch.subList(0, 700));
        assertEquals(batch.subList(700, 1_201), writer.notYetWritten(db, batch));
    }

    @Test
    void aBatchThatCostNothingWritesNoLedgerEntry() throws SQLException {
        Map<String, Long> debits = commit(List.of(
                event("req_1", "key_a", "team_a", "demo/echo", 429, "rate_limit_exceeded", 0, 0, 0, 0, "10.0.0.1", AT)));

        assertEquals(Map.of(), debits);
        assertEquals(2, writer.statements(), "records and last use only");
        assertEquals(List.of(), rows("SELECT id FROM ledger_entry"));
        assertEquals(List.of(List.of("team_a", "5.000000"), List.of("team_b", "1.000000")),
                rows("SELECT team_id, balance FROM team_balance ORDER BY team_id"));
        assertEquals(List.of(List.of(1L)), rows("SELECT COUNT(*) FROM usage_record"));
    }

    @Test
    void aBatchAcrossMidnightUtcFillsTwoHoursAndTwoDaysAndTheNextBatchAddsToThem() throws SQLException {
        Instant beforeMidnight = Instant.parse("2026-02-28T23:59:59.900000Z");
        Instant afterMidnight = Instant.parse("2026-03-01T00:00:00.100000Z");
        commit(List.of(event("req_1", "key_a", "team_a", "demo/echo", 200, null, 1, 2, 0, 100, "10.0.0.1", beforeMidnight),
                event("req_2", "key_a", "team_a", "demo/echo", 200, null, 3, 4, 0, 200, "10.0.0.1", afterMidnight)));
        commit(List.of(event("req_3", "key_a", "team_a", "demo/echo", 200, null, 5, 6, 0, 300, "10.0.0.1",
                afterMidnight.plusSeconds(600))));

        assertEquals(List.of(
                List.of(Instant.parse("2026-02-28T23:00:00Z"), 1L, 1L, 2L, "0.000100"),
                List.of(Instant.parse("2026-03-01T00:00:00Z"), 2L, 8L, 10L, "0.000500")),
                rows("SELECT hour_start, requests, input_tokens, output_tokens, cost_usd FROM usage_hourly"
                        + " ORDER BY hour_start"),
                "each call in its own hour; the second batch updated the existing hour in place");
        assertEquals(List.of(
                List.of(LocalDate.parse("2026-02-28"), 1L, "0.000100"),
                List.of(LocalDate.parse("2026-03-01"), 2L, "0.000500")),
                rows("SELECT usage_day, requests, cost_usd FROM usage_daily ORDER BY usage_day"), "UTC days");
        assertEquals(List.of(List.of("10.0.0.1", beforeMidnight, afterMidnight.plusSeconds(600), 3L)),
                rows("SELECT client_ip, first_seen, last_seen, calls FROM usage_key_ip"));
        assertEquals(List.of(List.of("-0.000300"), List.of("-0.000300")),
                rows("SELECT amount FROM ledger_entry ORDER BY amount"), "one ledger entry per batch");
        assertEquals(List.of(List.of("4.999400")), rows("SELECT balance FROM team_balance WHERE team_id = 'team_a'"));
    }

    @Test
    void anOlderCallInALaterBatchLeavesTheLastUseAlone() throws SQLException {
        commit(List.of(event("req_1", "key_a", "team_a", "demo/echo", 200, null, 1, 1, 0, 0, "10.0.0.1", AT)));
        commit(List.of(event("req_2", "key_a", "team_a", "demo/echo", 200, null, 1, 1, 0, 0, "10.0.0.2",
                AT.minusSeconds(5))));

        assertEquals(List.of(List.of(AT, "10.0.0.1")),
                rows("SELECT last_used_at, last_used_ip FROM api_key WHERE id = 'key_a'"));
    }

    @Test
    void aDuplicateRequestIdFailsTheWholeBatchAndTheRollbackKeepsNothingOfIt() throws SQLException {
        commit(List.of(event("req_1", "key_a", "team_a", "demo/echo", 200, null, 1, 1, 0, 100, "10.0.0.1", AT)));
        List<List<Object>> before = everything();

        assertThrows(SQLException.class, () -> commit(List.of(
                event("req_2", "key_a", "team_a", "demo/echo", 200, null, 7, 7, 0, 700, "10.0.0.7", AT.plusSeconds(1)),
                event("req_1", "key_a", "team_a", "demo/echo", 200, null, 9, 9, 0, 900, "10.0.0.9", AT.plusSeconds(2)))),
                "request_id is the record's primary key");
        assertEquals(before, everything(), "no record, roll-up, ledger entry, balance or last use of the failed batch");

        assertThrows(SQLException.class, () -> commit(List.of(
                event("req_3", "key_b", "team_b", "demo/echo", 200, null, 1, 1, 0, 100, "10.0.0.1", AT),
                event("req_3", "key_b", "team_b", "demo/echo", 200, null, 1, 1, 0, 100, "10.0.0.1", AT))),
                "a duplicate within one batch as well");
        assertEquals(before, everything());
    }

    @Test
    void longModelNamesAndAddressesAreClippedToTheirColumns() throws SQLException {
        String model = "demo/" + "m".repeat(300);
        String ip = "2001:db8:" + "1:".repeat(30) + "1";
        commit(List.of(event("req_1", "key_a", "team_a", model, 200, null, 1, 1, 0, 0, ip, AT)));

        assertEquals(List.of(List.of(model.substring(0, 200), ip.substring(0, 45))),
                rows("SELECT model, client_ip FROM usage_record"));
        assertEquals(List.of(List.of(model.substring(0, 200))), rows("SELECT model FROM usage_hourly"));
        assertEquals(List.of(List.of(ip.substring(0, 45))), rows("SELECT last_used_ip FROM api_key WHERE id = 'key_a'"));
    }

    @Test
    void aCallWithoutAnAddressAddsNoneAndOnlyItsKeyIsMarkedUsed() throws SQLException {
        commit(List.of(event("req_1", "key_a", "team_a", "demo/echo", 200, null, 1, 1, 0, 0, null, AT)));

        assertEquals(AT, value("SELECT last_used_at FROM api_key WHERE id = 'key_a'"));
        assertNull(value("SELECT last_used_ip FROM api_key WHERE id = 'key_a'"));
        assertNull(value("SELECT last_used_at FROM api_key WHERE id = 'key_b'"), "a key without calls keeps no last use");
        assertNull(value("SELECT client_ip FROM usage_record"));
        assertEquals(List.of(), rows("SELECT key_id FROM usage_key_ip"), "no address, no address row");
    }

    /** Writes one batch in its own transaction, as the recorder does. */
    private Map<String, Long> commit(List<UsageEvent> batch) throws SQLException {
        try {
            Map<String, Long> debits = writer.write(db, batch);
            db.commit();
            return debits;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    private List<List<Object>> everything() throws SQLException {
        List<List<Object>> all = new ArrayList<>();
        for (String table : List.of("usage_record", "usage_hourly", "usage_daily", "usage_key_ip", "ledger_entry",
                "team_balance", "api_key")) {
            all.addAll(rows("SELECT * FROM " + table + " ORDER BY 1, 2"));
        }
        return all;
    }

    private static UsageEvent event(String requestId, String keyId, String teamId, String model, int status,
            String errorCode, long input, long output, long cached, long costMicros, String ip, Instant at) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return new UsageEvent(requestId, keyId, teamId, model, "demo", status, errorCode, input, output, cached, 1,
                costMicros, 42, ip, micros);
    }

    private void team(String id, String balance) throws SQLException {
        update("INSERT INTO team (id, name, time_zone, work_days, work_start, work_end, billing, created_at, version)"
                + " VALUES (?, ?, 'UTC', 'MON,TUE,WED,THU,FRI', '09:00', '17:00', 'PREPAID', ?, 1)", id, id,
                NOW.atOffset(ZoneOffset.UTC));
        update("INSERT INTO team_balance (team_id, balance) VALUES (?, ?)", id, new BigDecimal(balance));
    }

    private void key(String id, String teamId) throws SQLException {
        update("INSERT INTO api_key (id, team_id, owner_id, name, key_hash, key_prefix, last4, allowed_models,"
                + " ip_whitelist, status, created_at, created_by, version) VALUES (?, ?, 'mem_1', ?, ?, 'ck-', 'abcd',"
                + " '[]', '[]', 'ACTIVE', ?, 'ann', 1)", id, teamId, id, "0".repeat(63) + id.charAt(id.length() - 1),
                NOW.atOffset(ZoneOffset.UTC));
    }

    private void update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    private Object value(String sql) throws SQLException {
        return rows(sql).get(0).get(0);
    }

    /** Rows as lists: timestamps as instants, dates as dates, decimals as plain strings, numbers as long/int. */
    private List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = rs.getObject(c);
                    if (value instanceof OffsetDateTime t) {
                        value = t.toInstant();
                    } else if (value instanceof java.sql.Date d) {
                        value = d.toLocalDate();
                    } else if (value instanceof BigDecimal b) {
                        value = b.toPlainString();
                    }
                    row.add(value);
                }
                out.add(row);
            }
        }
        return out;
    }
}
