package org.keygate.usage.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

import org.keygate.platform.control.Ids;
import org.keygate.team.control.TeamBalances;

/**
 * Writes one batch of usage events with plain JDBC batches on a connection whose transaction the
 * caller owns (the recorder's JTA transaction, or a test's own): the raw records, the hourly and
 * daily roll-ups and client addresses ({@link Rollups}), one USAGE ledger entry per team for the
 * batch's settled cost with the same amount taken off the team's balance row, and each key's
 * newest {@code last_used_at}/{@code last_used_ip}. Any failure is thrown for the caller to roll
 * back: a duplicate {@code request_id} fails the whole batch, nothing of it is kept. A batch that may
 * hold records already written — read again from the journal after a crash or after a failure
 * whose commit may have gone through — goes through {@link #notYetWritten} first, so each record,
 * its roll-ups and its ledger debit are written exactly once (a plain {@code SELECT} by primary
 * key, the same on H2 and PostgreSQL; only this node writes its journal's request ids).
 *
 * <p>Holds no container types, so it runs the same against an in-memory H2 in a unit test.
 */
public final class UsageBatchWriter {

    static final String INSERT_RECORD = "INSERT INTO usage_record (request_id, key_id, team_id, model, provider, status,"
            + " error_code, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost_usd, latency_ms,"
            + " client_ip, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_LEDGER = "INSERT INTO ledger_entry (id, team_id, amount, kind, note, created_at, created_by)"
            + " VALUES (?, ?, ?, 'USAGE', ?, ?, 'system')";
    static final String MARK_USED = "UPDATE api_key SET last_used_at = ?, last_used_ip = ? WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < ?)";

    private static final int KNOWN_CHUNK = 500;

    private final Clock clock;
    private final LongAdder statements = new LongAdder();

    public UsageBatchWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Writes {@code batch} on {@code connection} and returns the micro-USD debited per team (empty
     * when nothing cost anything). Does not commit.
     */
    public Map<String, Long> write(Connection connection, List<UsageEvent> batch) throws SQLException {
        // sorted: concurrent writers (other nodes) take the balance and key row locks in one order
        Map<String, Long> debits = new TreeMap<>();
        Map<String, UsageEvent> lastUse = new TreeMap<>();
        for (UsageEvent e : batch) {
            if (e.costMicros() != 0) {
                debits.merge(e.teamId(), e.costMicros(), Long::sum);
            }
            if (e.status() != 401) {
                UsageEvent seen = lastUse.get(e.keyId());
                if (seen == null || seen.startedAtMicros() < e.startedAtMicros()) {
                    lastUse.put(e.keyId(), e);
                }
            }
        }
        Instant now = Instant.now(clock);
        insertRecords(connection, batch);
        Rollups.apply(connection, batch);
        insertLedger(connection, debits, batch.size(), now);
        markUsed(connection, lastUse.values());
        return debits;
    }

    /** The events of {@code batch} whose {@code request_id} is not in the database yet, in their order. */
    public List<UsageEvent> notYetWritten(Connection connection, List<UsageEvent> batch) throws SQLException {
        Set<String> known = new HashSet<>();
        for (int from = 0; from < batch.size(); from += KNOWN_CHUNK) {
            List<UsageEvent> chunk = batch.subList(from, Math.min(batch.size(), from + KNOWN_CHUNK));
            String sql = "SELECT request_id FROM usage_record WHERE request_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i).requestId());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        known.add(rows.getString(1));
                    }
                }
            }
        }
        if (known.isEmpty()) {
            return batch;
        }
        List<UsageEvent> fresh = new ArrayList<>(batch.size() - known.size());
        for (UsageEvent e : batch) {
            if (!known.contains(e.requestId())) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    /** JDBC batches executed so far, committed or not (the roll-ups' statements are not counted). */
    public long statements() {
        return statements.sum();
    }

    private void insertRecords(Connection connection, List<UsageEvent> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RECORD)) {
            for (UsageEvent e : batch) {
                insert.setString(1, e.requestId());
                insert.setString(2, e.keyId());
                insert.setString(3, e.teamId());
                setNullable(insert, 4, clip(e.model(), 200));
                setNullable(insert, 5, e.provider());
                insert.setInt(6, e.status());
                setNullable(insert, 7, e.errorCode());
                insert.setLong(8, e.inputTokens());
                insert.setLong(9, e.outputTokens());
                insert.setLong(10, e.cachedTokens());
                insert.setLong(11, e.reasoningTokens());
                insert.setBigDecimal(12, BigDecimal.valueOf(e.costMicros(), 6));
                insert.setInt(13, e.latencyMs());
                setNullable(insert, 14, clip(e.clientIp(), 45));
                insert.setObject(15, time(e.startedAtMicros()));
                insert.addBatch();
            }
            insert.executeBatch();
            statements.increment();
        }
    }

    private void insertLedger(Connection connection, Map<String, Long> debits, int calls, Instant now) throws SQLException {
        if (debits.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_LEDGER)) {
            for (Map.Entry<String, Long> debit : debits.entrySet()) {
                insert.setString(1, Ids.next("led_", clock));
                insert.setString(2, debit.getKey());
                insert.setBigDecimal(3, BigDecimal.valueOf(-debit.getValue(), 6));
                insert.setString(4, "Gateway usage (batch of " + calls + " calls)");
                insert.setObject(5, now.atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
            statements.increment();
        }
        try (PreparedStatement balance = connection.prepareStatement(TeamBalances.ADD)) {
            for (Map.Entry<String, Long> debit : debits.entrySet()) {
                balance.setBigDecimal(1, BigDecimal.valueOf(-debit.getValue(), 6));
                balance.setString(2, debit.getKey());
                balance.addBatch();
            }
            balance.executeBatch();
            statements.increment();
        }
    }

    private void markUsed(Connection connection, Iterable<UsageEvent> uses) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MARK_USED)) {
            boolean any = false;
            for (UsageEvent e : uses) {
                OffsetDateTime at = time(e.startedAtMicros());
                update.setObject(1, at);
                setNullable(update, 2, clip(e.clientIp(), 45));
                update.setString(3, e.keyId());
                update.setObject(4, at);
                update.addBatch();
                any = true;
            }
            if (any) {
                update.executeBatch();
                statements.increment();
            }
        }
    }

    private static OffsetDateTime time(long epochMicros) {
        return Instant.EPOCH.plusNanos(Math.multiplyExact(epochMicros, 1000L)).atOffset(ZoneOffset.UTC);
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
