import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bulk loader of generated usage records for bench/usage-history.sh, run as a single-file program
 * against the stopped server's H2 file:
 * {@code java -cp h2.jar UsageLoad.java <jdbc-url> <records> <first-epoch-second> <span-seconds>}.
 *
 * <p>Generated rows go through one prepared statement in JDBC batches on an embedded connection
 * (no network, no per-row statement parse), committed every {@link #COMMIT_ROWS} rows so no
 * transaction grows large. The distribution (documented in docs/usage-benchmark.md): the keys
 * named {@code bench-key-<n>} that the script created through the API, key n with a cube-root
 * skew (key 0 gets about 15 % of all calls), 85 % of a key's calls on its main model, 93 % answered
 * and the rest refused or failed with an error code and zero tokens, exact costs from the prices
 * below rounded half-up to micro-USD, timestamps evenly spread over the span in insertion order
 * (like a live gateway), request ids ordered like the gateway's.
 *
 * <p>It also writes what the gateway's recorder writes next to the records with its default
 * one-second flush: one USAGE ledger entry per team per second that had billed calls, for the
 * sum of their costs, and each key's last use (time and address of its newest call that was not a
 * 401), as the recorder keeps it on the key. (The roll-ups are computed afterwards from the records,
 * in rollups.sql.)
 */
public final class UsageLoad {

    static final int BATCH = 5_000;
    static final int COMMIT_ROWS = 200_000;

    static final String[] MODELS = {"openai/gpt-4o-mini", "openai/gpt-4o", "anthropic/claude-sonnet-4",
        "mistral/mistral-small", "openai/o3-mini", "demo/echo"};
    static final String[] PROVIDERS = {"openai", "openai", "anthropic", "mistral", "openai", "demo"};
    /** USD per million tokens: input, output, cached input. */
    static final long[][] PRICE_MICROS = {{150_000, 600_000, 75_000}, {2_500_000, 10_000_000, 1_250_000},
        {3_000_000, 15_000_000, 300_000}, {200_000, 600_000, 200_000}, {1_100_000, 4_400_000, 550_000},
        {1_000_000, 2_000_000, 1_000_000}};
    static final int[] STATUS = {429, 429, 403, 403, 401, 502, 504};
    static final String[] ERROR = {"rate_limit_exceeded", "daily_limit_exceeded", "model_not_allowed",
        "ip_not_allowed", "key_deactivated", "upstream_error", "upstream_timeout"};

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long records = Long.parseLong(args[1]);
        long firstSecond = Long.parseLong(args[2]);
        long spanSeconds = Long.parseLong(args[3]);
        try (Connection c = DriverManager.getConnection(url, "keygate", "keygate")) {
            List<String> keyIds = new ArrayList<>();
            List<String> teamIds = new ArrayList<>();
            List<Integer> teamNos = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT k.id, k.team_id, t.name"
                    + " FROM api_key k JOIN team t ON t.id = k.team_id WHERE k.name LIKE 'bench-key-%'"
                    + " ORDER BY CAST(SUBSTRING(k.name, 11) AS INT)")) {
                while (r.next()) {
                    keyIds.add(r.getString(1));
                    teamIds.add(r.getString(2));
                    teamNos.add(Integer.parseInt(r.getString(3).substring("bench-team-".length())));
                }
            }
            int keys = keyIds.size();
            if (keys == 0) {
                throw new IllegalStateException("no keys named bench-key-<n>");
            }
            c.setAutoCommit(false);
            SplittableRandom random = new SplittableRandom(20251128L);
            long startMicros = firstSecond * 1_000_000L;
            double stepMicros = spanSeconds * 1_000_000.0 / records;
            long t0 = System.nanoTime();
            Map<String, long[]> second = new LinkedHashMap<>(); // team -> {cost micros}; calls in the second
            long currentSecond = Long.MIN_VALUE;
            long callsInSecond = 0;
            long ledgerRows = 0;
            long[] lastUsed = new long[keys];
            String[] lastIp = new String[keys];
            try (PreparedStatement ledger = c.prepareStatement("INSERT INTO ledger_entry (id, team_id, amount, kind,"
                    + " note, created_at, created_by) VALUES (?, ?, ?, 'USAGE', ?, ?, 'system')");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO usage_record (request_id, key_id,"
                    + " team_id, model, provider, status, error_code, input_tokens, output_tokens, cached_tokens,"
                    + " reasoning_tokens, cost_usd, latency_ms, client_ip, started_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long x = 0; x < records; x++) {
                    int key = Math.min(keys - 1, (int) (keys * Math.pow(random.nextDouble(), 3)));
                    int model = random.nextInt(100) < 85 ? key % 4 : random.nextInt(MODELS.length);
                    int outcome = outcome(random.nextInt(1000));
                    long micros = startMicros + (long) (x * stepMicros) + random.nextLong(Math.max(1, (long) stepMicros));
                    insert.setString(1, String.format("req_%026d", x));
                    insert.setString(2, keyIds.get(key));
                    insert.setString(3, teamIds.get(key));
                    boolean beforeBody = outcome == 3 || outcome == 4; // IP and status checks come before the body
                    insert.setString(4, beforeBody ? null : MODELS[model]);
                    insert.setString(5, beforeBody ? null : PROVIDERS[model]);
                    insert.setInt(6, outcome < 0 ? 200 : STATUS[outcome]);
                    insert.setString(7, outcome < 0 ? null : ERROR[outcome]);
                    long in = 0;
                    long out = 0;
                    long cached = 0;
                    long reasoning = 0;
                    long costMicros = 0;
                    if (outcome < 0) {
                        double u = random.nextDouble();
                        in = 50 + (long) (u * u * 4000);
                        out = 10 + random.nextInt(900);
                        cached = random.nextInt(10) < 3 ? in / 2 : 0;
                        reasoning = model == 4 ? out * 3 / 5 : 0;
                        long[] p = PRICE_MICROS[model];
                        // tokens x micro-USD per million tokens = picos; half-up to micro-USD
                        long picos = (in - cached) * p[0] + out * p[1] + cached * p[2];
                        costMicros = (picos + 500_000) / 1_000_000;
                    }
                    insert.setLong(8, in);
                    insert.setLong(9, out);
                    insert.setLong(10, cached);
                    insert.setLong(11, reasoning);
                    insert.setBigDecimal(12, BigDecimal.valueOf(costMicros, 6));
                    insert.setInt(13, outcome < 0 ? 150 + random.nextInt(3000)
                            : outcome >= 5 ? 5000 + random.nextInt(10000) : random.nextInt(3));
                    int place = random.nextInt(1000);
                    String ip = place < 2 ? "203.0.113." + random.nextInt(256)
                            : "10." + teamNos.get(key) + "." + (key % 250) + "." + (1 + place % 3);
                    insert.setString(14, ip);
                    if (outcome < 0 || STATUS[outcome] != 401) {
                        lastUsed[key] = micros;
                        lastIp[key] = ip;
                    }
                    insert.setObject(15, OffsetDateTime.ofInstant(Instant.EPOCH.plusNanos(micros * 1000), ZoneOffset.UTC));
                    insert.addBatch();
                    long sec = Math.floorDiv(micros, 1_000_000L);
                    if (sec != currentSecond) {
                        ledgerRows += flushLedger(ledger, second, currentSecond, callsInSecond, ledgerRows);
                        currentSecond = sec;
                        callsInSecond = 0;
                    }
                    callsInSecond++;
                    if (costMicros != 0) {
                        second.computeIfAbsent(teamIds.get(key), k -> new long[1])[0] += costMicros;
                    }
                    if (x + 1 == records) {
                        ledgerRows += flushLedger(ledger, second, currentSecond, callsInSecond, ledgerRows);
                    }
                    if ((x + 1) % BATCH == 0 || x + 1 == records) {
                        insert.executeBatch();
                        ledger.executeBatch();
                    }
                    if ((x + 1) % COMMIT_ROWS == 0 || x + 1 == records) {
                        c.commit();
                    }
                    if ((x + 1) % 1_000_000 == 0) {
                        System.out.printf("  %,d records, %.0f s%n", x + 1, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            System.out.printf("  %,d USAGE ledger entries%n", ledgerRows);
            try (PreparedStatement used = c.prepareStatement("UPDATE api_key SET last_used_at = ?, last_used_ip = ?"
                    + " WHERE id = ?")) {
                for (int k = 0; k < keys; k++) {
                    if (lastIp[k] != null) {
                        used.setObject(1, OffsetDateTime.ofInstant(Instant.EPOCH.plusNanos(lastUsed[k] * 1000),
                                ZoneOffset.UTC));
                        used.setString(2, lastIp[k]);
                        used.setString(3, keyIds.get(k));
                        used.addBatch();
                    }
                }
                used.executeBatch();
            }
            c.commit();
        }
    }

    /** The ledger entries of one flushed second: one per team with billed calls, as the recorder writes them. */
    private static int flushLedger(PreparedStatement ledger, Map<String, long[]> teams, long second, long calls,
            long written) throws java.sql.SQLException {
        int n = 0;
        for (Map.Entry<String, long[]> team : teams.entrySet()) {
            ledger.setString(1, String.format("led_%026d", written + n));
            ledger.setString(2, team.getKey());
            ledger.setBigDecimal(3, BigDecimal.valueOf(-team.getValue()[0], 6));
            ledger.setString(4, "Gateway usage (batch of " + calls + " calls)");
            ledger.setObject(5, OffsetDateTime.ofInstant(Instant.ofEpochSecond(second + 1), ZoneOffset.UTC));
            ledger.addBatch();
            n++;
        }
        teams.clear();
        return n;
    }

    /** -1 answered (93 %), else the index into STATUS/ERROR. */
    private static int outcome(int u) {
        if (u < 930) {
            return -1;
        }
        if (u < 955) {
            return 0;
        }
        if (u < 970) {
            return 1;
        }
        if (u < 980) {
            return 2;
        }
        if (u < 985) {
            return 3;
        }
        if (u < 990) {
            return 4;
        }
        return u < 995 ? 5 : 6;
    }
}
