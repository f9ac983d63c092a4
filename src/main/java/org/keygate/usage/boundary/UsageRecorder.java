package org.keygate.usage.boundary;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
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
import org.keygate.platform.boundary.Datasources;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.SqlDialect;
import org.keygate.team.control.TeamBalances;
import org.keygate.usage.control.Rollups;
import org.keygate.usage.control.UsageBatchWriter;
import org.keygate.usage.control.UsageEvent;
import org.keygate.usage.control.UsageQueue;

/**
 * Runs the usage writer off the request thread (SPEC §5). Request threads only add to the
 * {@link UsageQueue} handed out by {@link #queue}; a timer drains it every
 * {@code keygate.usage.flush-interval-ms} and has each batch written in one transaction by the
 * {@link UsageBatchWriter}; a batch that fails is kept and retried first on the next flush. On a
 * clean shutdown {@link UsageShutdown} (and {@link #stop}) drain what is left and sync the embedded
 * database, so no record is lost.
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
    private final List<UsageEvent> retry = new ArrayList<>();
    private UsageQueue queue;
    private DataSource dataSource;
    private UsageBatchWriter writer;

    @PostConstruct
    void start() {
        queue = new UsageQueue(queueCapacity);
        dataSource = Datasources.dataSource();
        writer = new UsageBatchWriter(clock);
        loadWriterClasses();
        timers.createIntervalTimer(flushIntervalMs, flushIntervalMs, new TimerConfig("keygate-usage-flush", false));
    }

    /**
     * Loads now every class of this application that writing a batch needs. Payara Micro stopped by
     * a signal closes the application's class loader before the final drain runs, so a class first
     * needed then fails with {@code NoClassDefFoundError} — and the records queued since the last
     * flush were lost (ShutdownFlushIT: 0 of 40 written, on a server whose writer never ran before).
     * A class added to the write path must be added here.
     */
    private static void loadWriterClasses() {
        for (Class<?> needed : new Class<?>[] {UsageBatchWriter.class, Rollups.class, Ids.class,
                UsageFlushed.class, TeamBalances.class, SqlDialect.class}) {
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
        return writer.statements();
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
        Map<String, Long> debits;
        tx.begin();
        try {
            try (Connection connection = dataSource.getConnection()) {
                debits = writer.write(connection, batch);
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
}
