package org.keygate.usage.boundary;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.platform.boundary.Migrator;
import org.keygate.platform.control.Ids;
import org.keygate.team.control.TeamBalances;
import org.keygate.usage.control.Rollups;
import org.keygate.usage.control.UsageEvent;
import org.keygate.usage.control.UsageQueue;

/**
 * Writes usage records off the request thread (SPEC §5). Request threads only add to a
 * {@link UsageQueue}; a timer drains it every {@code keygate.usage.flush-interval-ms} and writes
 * each batch in one transaction with plain JDBC batches: the records, one USAGE ledger entry per
 * team for the batch's settled cost (and the same amount on the team's balance row), and each key's newest {@code last_used_at}/{@code _ip}. On a
 * clean shutdown {@link #stop} drains what is left, so no record is lost.
 *
 * <p>The flush lock also serialises "commit a batch, then tell the spend guard" against readers of
 * a team's ledger balance ({@link #underFlushLock}), so a balance read from the database and the
 * in-memory "settled, not yet written" amounts never overlap or leave a gap.
 */
@Singleton
@Startup
@DependsOn("Migrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class.getName());

    static final String INSERT_RECORD = "INSERT INTO usage_record (request_id, key_id, team_id, model, provider, status,"
            + " error_code, input_tokens, output_tokens, cached_tokens, reasoning_tokens, cost_usd, latency_ms,"
            + " client_ip, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_LEDGER = "INSERT INTO ledger_entry (id, team_id, amount, kind, note, created_at, created_by)"
            + " VALUES (?, ?, ?, 'USAGE', ?, ?, 'system')";
    static final String MARK_USED = "UPDATE api_key SET last_used_at = ?, last_used_ip = ? WHERE id = ?"
            + " AND (last_used_at IS NULL OR last_used_at < ?)";

    @Resource
    UserTransaction tx;

    @Resource
    TimerService timers;

    @Inject
    Clock clock;

    @Inject
    Event<UsageFlushed> flushed;

    @Inject
    @ConfigProperty(name = "keygate.usage.flush-interval-ms", defaultValue = "1000")
    long flushIntervalMs;

    @Inject
    @ConfigProperty(name = "keygate.usage.batch-size", defaultValue = "5000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "keygate.usage.queue-capacity", defaultValue = "200000")
    int queueCapacity;

    private final ReentrantLock flushLock = new ReentrantLock();
    private final LongAdder written = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final List<UsageEvent> retry = new ArrayList<>();
    private UsageQueue queue;
    private DataSource dataSource;

    @PostConstruct
    void start() {
        queue = new UsageQueue(queueCapacity);
        dataSource = Migrator.dataSource();
        loadWriterClasses();
        timers.createIntervalTimer(flushIntervalMs, flushIntervalMs, new TimerConfig("keygate-usage-flush", false));
    }

    /**
     * Loads now every class of this application that writing a batch needs. Payara Micro stopped by
     * a signal closes the application's class loader before the final drain runs, so a class first
     * needed then fails with {@code NoClassDefFoundError} — and the records queued since the last
     * flush were lost (ShutdownFlushIT: 0 of 40 written, on a server whose writer never ran before).
     */
    private static void loadWriterClasses() {
        for (Class<?> needed : new Class<?>[] {Rollups.class, Ids.class, UsageFlushed.class, TeamBalances.class}) {
            try {
                Class.forName(needed.getName(), true, needed.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the usage writer cannot load " + needed.getName(), e);
            }
        }
    }

    /** The queue request threads add to; handed out once so the hot path never goes through the EJB proxy. */
    public UsageQueue queue() {
        return queue;
    }

    @Timeout
    void onTimer(Timer timer) {
        if (flushLock.tryLock()) {
            try {
                flushAll();
            } finally {
                flushLock.unlock();
            }
        }
    }

    /** Writes everything queued so far before returning. */
    public void flushNow() {
        flushLock.lock();
        try {
            flushAll();
        } finally {
            flushLock.unlock();
        }
    }

    /** Runs {@code work} with no batch commit in progress (see the class comment). */
    public <T> T underFlushLock(Supplier<T> work) {
        flushLock.lock();
        try {
            return work.get();
        } finally {
            flushLock.unlock();
        }
    }

    /** Records written since start, and SQL statements executed for them (each batch counts once). */
    public long written() {
        return written.sum();
    }

    public long statements() {
        return statements.sum();
    }

    public int pending() {
        return queue.size() + retry.size();
    }

    @PreDestroy
    void stop() {
        for (Timer timer : timers.getTimers()) {
            try {
                timer.cancel();
            } catch (RuntimeException e) {
                // already gone during shutdown
            }
        }
        drainAtShutdown();
    }

    /**
     * Writes what is still queued and makes the database keep it. Runs when the web application
     * stops ({@link UsageShutdown}: Payara Micro stopped by a signal does not reliably call
     * {@code @PreDestroy} of singletons) and again at {@code @PreDestroy}; the second run finds an
     * empty queue.
     */
    public void drainAtShutdown() {
        flushNow();
        syncEmbeddedDatabase();
        if (pending() > 0) {
            LOG.severe(() -> pending() + " usage records could not be written at shutdown");
        } else {
            LOG.info(() -> "usage recorder drained at shutdown; " + written.sum() + " records written since start");
        }
    }

    /**
     * The embedded H2 writes committed changes to its file up to its write delay (0.5 s) later, and
     * it is opened with {@code DB_CLOSE_ON_EXIT=FALSE} (its own exit hook could close it before this
     * last flush): without a sync, a server stopping right after the final batch would lose it.
     */
    private void syncEmbeddedDatabase() {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            if (url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
                try (Statement sync = connection.createStatement()) {
                    sync.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not sync the embedded database to disk at shutdown", e);
        }
    }

    /** Caller holds the flush lock. */
    private void flushAll() {
        for (int round = 0; round < 1000; round++) {
            List<UsageEvent> batch = new ArrayList<>(Math.min(batchSize, 1024));
            if (!retry.isEmpty()) {
                batch.addAll(retry);
                retry.clear();
            }
            queue.drainTo(batch, Math.max(1, batchSize - batch.size()));
            if (batch.isEmpty()) {
                return;
            }
            try {
                write(batch);
            } catch (Exception | LinkageError e) {
                retry.addAll(batch);
                LOG.log(Level.WARNING, "writing " + batch.size() + " usage records failed; will retry", e);
                return;
            }
        }
    }

    private void write(List<UsageEvent> batch) throws Exception {
        Map<String, Long> debits = new HashMap<>();
        Map<String, UsageEvent> lastUse = new LinkedHashMap<>();
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
        tx.begin();
        try {
            try (Connection connection = dataSource.getConnection()) {
                insertRecords(connection, batch);
                Rollups.apply(connection, batch);
                insertLedger(connection, debits, batch.size(), now);
                markUsed(connection, lastUse.values());
            }
            tx.commit();
        } catch (Exception | Error e) {
            // an Error too: a transaction left open would make the container discard the whole bean
            try {
                tx.rollback();
            } catch (Exception ignored) {
                // the original failure is the one to report
            }
            throw e;
        }
        written.add(batch.size());
        if (!debits.isEmpty()) {
            try {
                flushed.fire(new UsageFlushed(Map.copyOf(debits)));
            } catch (RuntimeException e) {
                // committed either way; at shutdown the listeners may already be gone
                LOG.log(Level.FINE, "usage flush listeners not reachable", e);
            }
        }
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
