package org.keygate.usage.control;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keygate.platform.control.SqlDialect;

/**
 * Folds a batch of usage events into the hourly and daily roll-ups and the per-key address list,
 * inside the batch's own transaction: raw records and roll-ups commit together or not at all, so
 * they always agree. On PostgreSQL each row is one {@code INSERT ... ON CONFLICT DO UPDATE}, which
 * adds to the row another node's writer may have inserted or be updating at the same moment (it
 * waits for that writer's transaction, then adds); the embedded H2 has a single writer, so there a
 * row is updated in place, or inserted when it is the first of its hour, day or address. Rows are
 * written in key order, so two writers lock shared rows in the same order and never deadlock.
 */
public final class Rollups {

    /** Calls without a model (e.g. refused before the body was read) are rolled up under this name. */
    public static final String NO_MODEL = "-";

    private Rollups() {
    }

    /** Roll-up rows by key id, model and hour or day: the order in which their row locks are taken. */
    private static final Comparator<List<Object>> ROW_ORDER = Comparator.<List<Object>, String>comparing(k -> (String) k.get(0))
            .thenComparing(k -> (String) k.get(1)).thenComparing(k -> (Long) k.get(2));
    private static final Comparator<List<String>> ADDRESS_ORDER = Comparator.<List<String>, String>comparing(k -> k.get(0))
            .thenComparing(k -> k.get(1));

    public static void apply(Connection connection, List<UsageEvent> batch) throws SQLException {
        Map<List<Object>, long[]> hourly = new TreeMap<>(ROW_ORDER);
        Map<List<Object>, long[]> daily = new TreeMap<>(ROW_ORDER);
        Map<List<Object>, String> teams = new HashMap<>();
        Map<List<String>, long[]> addresses = new TreeMap<>(ADDRESS_ORDER);
        for (UsageEvent e : batch) {
            String model = e.model() == null || e.model().isBlank() ? NO_MODEL : clip(e.model(), 200);
            long second = Math.floorDiv(e.startedAtMicros(), 1_000_000L);
            long hour = second - Math.floorMod(second, 3600L);
            long day = Math.floorDiv(second, 86_400L);
            List<Object> h = List.of(e.keyId(), model, hour);
            List<Object> d = List.of(e.keyId(), model, day);
            add(hourly.computeIfAbsent(h, k -> new long[6]), e);
            add(daily.computeIfAbsent(d, k -> new long[6]), e);
            teams.put(h, e.teamId());
            teams.put(d, e.teamId());
            if (e.clientIp() != null && !e.clientIp().isBlank()) {
                long[] seen = addresses.computeIfAbsent(List.of(e.keyId(), clip(e.clientIp(), 45)),
                        k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0});
                seen[0] = Math.min(seen[0], e.startedAtMicros());
                seen[1] = Math.max(seen[1], e.startedAtMicros());
                seen[2]++;
            }
        }
        if (SqlDialect.of(connection) == SqlDialect.POSTGRESQL) {
            insertOrAdd(connection, "usage_hourly", "hour_start", hourly, teams, true);
            insertOrAdd(connection, "usage_daily", "usage_day", daily, teams, false);
            insertOrAddAddresses(connection, addresses);
        } else {
            upsert(connection, "usage_hourly", "hour_start", hourly, teams, true);
            upsert(connection, "usage_daily", "usage_day", daily, teams, false);
            upsertAddresses(connection, addresses);
        }
    }

    /** PostgreSQL: one atomic insert-or-add per row, safe against other nodes' writers. */
    private static void insertOrAdd(Connection c, String table, String timeColumn, Map<List<Object>, long[]> rows,
            Map<List<Object>, String> teams, boolean hourly) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " AS t (requests, errors, input_tokens, output_tokens, cached_tokens,"
                + " cost_usd, key_id, model, " + timeColumn + ", team_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (key_id, model, " + timeColumn + ") DO UPDATE SET"
                + " requests = t.requests + EXCLUDED.requests, errors = t.errors + EXCLUDED.errors,"
                + " input_tokens = t.input_tokens + EXCLUDED.input_tokens,"
                + " output_tokens = t.output_tokens + EXCLUDED.output_tokens,"
                + " cached_tokens = t.cached_tokens + EXCLUDED.cached_tokens, cost_usd = t.cost_usd + EXCLUDED.cost_usd";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Map.Entry<List<Object>, long[]> row : rows.entrySet()) {
                bind(s, row.getKey(), row.getValue(), hourly);
                s.setString(10, teams.get(row.getKey()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertOrAddAddresses(Connection c, Map<List<String>, long[]> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_key_ip AS a (key_id, client_ip, first_seen,"
                + " last_seen, calls) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key_id, client_ip) DO UPDATE SET"
                + " calls = a.calls + EXCLUDED.calls, first_seen = LEAST(a.first_seen, EXCLUDED.first_seen),"
                + " last_seen = GREATEST(a.last_seen, EXCLUDED.last_seen)")) {
            for (Map.Entry<List<String>, long[]> a : addresses.entrySet()) {
                s.setString(1, a.getKey().get(0));
                s.setString(2, a.getKey().get(1));
                s.setObject(3, micros(a.getValue()[0]));
                s.setObject(4, micros(a.getValue()[1]));
                s.setLong(5, a.getValue()[2]);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void add(long[] t, UsageEvent e) {
        t[0]++;
        t[1] += e.status() >= 400 ? 1 : 0;
        t[2] += e.inputTokens();
        t[3] += e.outputTokens();
        t[4] += e.cachedTokens();
        t[5] += e.costMicros();
    }

    private static void upsert(Connection c, String table, String timeColumn, Map<List<Object>, long[]> rows,
            Map<List<Object>, String> teams, boolean hourly) throws SQLException {
        String update = "UPDATE " + table + " SET requests = requests + ?, errors = errors + ?,"
                + " input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,"
                + " cached_tokens = cached_tokens + ?, cost_usd = cost_usd + ?"
                + " WHERE key_id = ? AND model = ? AND " + timeColumn + " = ?";
        String insert = "INSERT INTO " + table + " (requests, errors, input_tokens, output_tokens, cached_tokens,"
                + " cost_usd, key_id, model, " + timeColumn + ", team_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Map<List<Object>, long[]> missing = new HashMap<>();
        try (PreparedStatement u = c.prepareStatement(update)) {
            for (Map.Entry<List<Object>, long[]> row : rows.entrySet()) {
                bind(u, row.getKey(), row.getValue(), hourly);
                if (u.executeUpdate() == 0) {
                    missing.put(row.getKey(), row.getValue());
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement i = c.prepareStatement(insert)) {
            for (Map.Entry<List<Object>, long[]> row : missing.entrySet()) {
                bind(i, row.getKey(), row.getValue(), hourly);
                i.setString(10, teams.get(row.getKey()));
                i.addBatch();
            }
            i.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, List<Object> key, long[] t, boolean hourly) throws SQLException {
        for (int k = 0; k < 5; k++) {
            s.setLong(k + 1, t[k]);
        }
        s.setBigDecimal(6, BigDecimal.valueOf(t[5], 6));
        s.setString(7, (String) key.get(0));
        s.setString(8, (String) key.get(1));
        long when = (Long) key.get(2);
        if (hourly) {
            s.setObject(9, Instant.ofEpochSecond(when).atOffset(ZoneOffset.UTC));
        } else {
            s.setObject(9, LocalDate.ofEpochDay(when));
        }
    }

    private static void upsertAddresses(Connection c, Map<List<String>, long[]> addresses) throws SQLException {
        if (addresses.isEmpty()) {
            return;
        }
        Map<List<String>, long[]> missing = new HashMap<>();
        try (PreparedStatement u = c.prepareStatement("UPDATE usage_key_ip SET calls = calls + ?,"
                + " last_seen = CASE WHEN last_seen < ? THEN ? ELSE last_seen END WHERE key_id = ? AND client_ip = ?")) {
            for (Map.Entry<List<String>, long[]> a : addresses.entrySet()) {
                OffsetDateTime last = micros(a.getValue()[1]);
                u.setLong(1, a.getValue()[2]);
                u.setObject(2, last);
                u.setObject(3, last);
                u.setString(4, a.getKey().get(0));
                u.setString(5, a.getKey().get(1));
                if (u.executeUpdate() == 0) {
                    missing.put(a.getKey(), a.getValue());
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO usage_key_ip (key_id, client_ip, first_seen,"
                + " last_seen, calls) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<List<String>, long[]> a : missing.entrySet()) {
                i.setString(1, a.getKey().get(0));
                i.setString(2, a.getKey().get(1));
                i.setObject(3, micros(a.getValue()[0]));
                i.setObject(4, micros(a.getValue()[1]));
                i.setLong(5, a.getValue()[2]);
                i.addBatch();
            }
            i.executeBatch();
        }
    }

    private static OffsetDateTime micros(long epochMicros) {
        return Instant.EPOCH.plusNanos(Math.multiplyExact(epochMicros, 1000L)).atOffset(ZoneOffset.UTC);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
