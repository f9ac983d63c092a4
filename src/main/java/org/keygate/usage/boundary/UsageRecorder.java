package org.keygate.usage.boundary;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.keygate.platform.boundary.Connections;
import org.keygate.platform.boundary.Metrics;
import org.keygate.platform.control.CountingDataSource;
import org.keygate.platform.control.DatabaseOutage;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.SqlDialect;
import org.keygate.team.control.TeamBalances;
import org.keygate.usage.control.DeadLetters;
import org.keygate.usage.control.JournalRecords;
import org.keygate.usage.control.MeteringUnavailable;
import org.keygate.usage.control.Rollups;
import org.keygate.usage.control.UsageBatchWriter;
import org.keygate.usage.control.UsageEvent;
import org.keygate.usage.control.UsageJournal;
import org.keygate.usage.control.UsageQueue;

/**
 * Meters every call twice over: first into the node-local {@link UsageJournal} (fsynced before the
 * call's answer is released, so a call answered is never lost, even to a kill -9), then into the
 * database. Request threads only append to the journal handed out by {@link #journal}; a timer
 * reads it back every {@code keygate.usage.flush-interval-ms} and has each batch written in one
 * transaction by the {@link UsageBatchWriter}. A batch that fails (the database down) stays in the
 * journal and is read again on the next flush, in order; the journal keeps taking calls up to its
 * disk budget. At start, what an earlier run journaled but did not write is written before the
 * gateway admits a call (the gateway's start waits for this bean), so balances and day counters
 * include it; records already in the database are skipped by {@code request_id}. On a clean
 * shutdown {@link UsageShutdown} (and {@link #stop}) drain what is left and sync the embedded
 * database.
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
    /** Failed rounds of one batch, with the database answering, before its records are written one by one. */
    static final int ISOLATE_AFTER = 3;

    @Resource
    UserTransaction tx;

    @Resource
    TimerService timers;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Clock clock;

    @Inject
    Event<UsageFlushed> flushed;

    @Inject
    Metrics metrics;

    @Inject
    Connections connections;

    @Inject
    @ConfigProperty(name = "keygate.usage.flush-interval-ms", defaultValue = "1000")
    long flushIntervalMs;

    @Inject
    @ConfigProperty(name = "keygate.usage.batch-size", defaultValue = "5000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "keygate.usage.queue-capacity", defaultValue = "200000")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "keygate.usage.journal-dir", defaultValue = "./data/journal")
    String journalDir;

    @Inject
    @ConfigProperty(name = "keygate.usage.journal-max-bytes", defaultValue = "1073741824")
    long journalMaxBytes;

    @Inject
    @ConfigProperty(name = "keygate.usage.journal-wait-ms", defaultValue = "2000")
    long journalWaitMs;

    private final ReentrantLock flushLock = new ReentrantLock();
    private final LongAdder written = new LongAdder();
    private UsageQueue queue;
    private UsageJournal journal;
    private DataSource dataSource;
    private UsageBatchWriter writer;
    /** The last batch failed: its records may have committed after all, so the next one checks. */
    private boolean lastFailed;
    /** How many times in a row the batch at the journal's head failed while the database answered. */
    private int refusedRounds;
    private DeadLetters deadLetters;
    private volatile Instant unreachableSince;
    private volatile String lastFailure;

    @PostConstruct
    void start() {
        queue = new UsageQueue(queueCapacity, journalWaitMs);
        dataSource = connections.dataSource();
        writer = new UsageBatchWriter(clock);
        loadWriterClasses();
        try {
            journal = new UsageJournal(Path.of(journalDir).toAbsolutePath(), journalMaxBytes, queue, threads);
            deadLetters = new DeadLetters(journal.dir());
        } catch (IOException e) {
            throw new IllegalStateException("the usage journal cannot be opened: " + e.getMessage(), e);
        }
        long replay = journal.backlog();
        if (replay > 0) {
            flushNow();
            LOG.info(() -> "usage journal " + journal.dir() + ": " + replay + " records of an earlier run read at start, "
                    + written.sum() + " written (the rest were already in the database)"
                    + (journal.backlog() > 0 ? "; " + journal.backlog() + " still to write" : ""));
        }
        timers.createIntervalTimer(flushIntervalMs, flushIntervalMs, new TimerConfig("keygate-usage-flush", false));
        registerMeters(metrics.registry());
    }

    /** The writer's series in {@code /metrics}, read from its own state when scraped. */
    private void registerMeters(MeterRegistry registry) {
        Gauge.builder("keygate_usage_backlog", this, UsageRecorder::pending)
                .description("metered calls journaled but not yet written to the database").register(registry);
        Gauge.builder("keygate_usage_journal_bytes", journal, UsageJournal::diskBytes)
                .description("bytes of the usage journal on disk").register(registry);
        Gauge.builder("keygate_usage_journal_max_bytes", this, r -> r.journalMaxBytes)
                .description("the journal's disk budget (keygate.usage.journal-max-bytes)").register(registry);
        Gauge.builder("keygate_usage_journal_queue", queue, UsageQueue::size)
                .description("records handed to the journal's writer thread, not yet fsynced").register(registry);
        FunctionCounter.builder("keygate_usage_journal_syncs", journal, UsageJournal::syncs)
                .description("fsyncs of the usage journal (each commits every record that arrived meanwhile)").register(registry);
        FunctionCounter.builder("keygate_usage_written", written, LongAdder::doubleValue)
                .description("usage records written to the database since start").register(registry);
        Gauge.builder("keygate_usage_database_unreachable_seconds", this, r -> r.unreachableSince == null ? 0
                : Duration.between(r.unreachableSince, Instant.now(r.clock)).toMillis() / 1000.0)
                .description("how long the usage writer has failed to reach the database (0 while it writes)")
                .register(registry);
        FunctionCounter.builder("keygate_usage_dead_lettered", deadLetters, DeadLetters::count)
                .description("usage records the database refused on their own, set aside in the journal's dead-letter file")
                .register(registry);
        Gauge.builder("keygate_usage_journal_accepting", journal, j -> j.refusal() == null ? 1 : 0)
                .description("1 while the journal takes calls, 0 while it refuses them").register(registry);
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
                UsageFlushed.class, TeamBalances.class, SqlDialect.class, UsageJournal.class, JournalRecords.class,
                UsageJournal.Batch.class, UsageQueue.Entry.class, MeteringUnavailable.class, DatabaseOutage.class,
                MeteringState.class, CountingDataSource.class, DeadLetters.class}) {
            try {
                Class.forName(needed.getName(), true, needed.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("the usage writer cannot load " + needed.getName(), e);
            }
        }
    }

    /** The journal request threads append to; handed out once so the hot path never goes through the EJB proxy. */
    public UsageJournal journal() {
        return journal;
    }

    /** The longest a call's answer waits for its journal fsync (and for room in the journal's queue). */
    public long journalWaitMillis() {
        return journalWaitMs;
    }

    /**
     * Appends {@code event} and waits (at most {@link #journalWaitMillis}) until it is durable; for
     * the callers that answer synchronously.
     */
    public void meterAndWait(UsageEvent event) {
        awaitDurable(journal.append(event), journalWaitMs);
    }

    /** Waits at most {@code millis} for an append's fsync; throws {@link MeteringUnavailable} if it failed or took longer. */
    public static void awaitDurable(java.util.concurrent.CompletableFuture<Void> durable, long millis) {
        try {
            durable.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MeteringUnavailable m ? m : new MeteringUnavailable(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            throw new MeteringUnavailable("the usage journal did not confirm the write within " + millis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeteringUnavailable("interrupted while waiting for the usage journal");
        }
    }

    /** What the usage writer is doing now, for health reporting. */
    public MeteringState state() {
        return new MeteringState(unreachableSince, lastFailure, pending(), journal.diskBytes(), journalMaxBytes,
                journal.refusal(), journal.failed(), written.sum(), deadLetters.count());
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

    /** Calls metered but not yet in the database: journaled, or still on their way into the journal. */
    public long pending() {
        return journal.backlog() + queue.size();
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
        journal.close();
    }

    /**
     * Writes what is still queued and makes the database keep it. Runs when the web application
     * stops ({@link UsageShutdown}: Payara Micro stopped by a signal does not reliably call
     * {@code @PreDestroy} of singletons) and again at {@code @PreDestroy}; the second run finds an
     * empty queue.
     */
    public void drainAtShutdown() {
        try {
            journal.sync().get(journalWaitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "the usage journal did not sync at shutdown; its records are written at the next start", e);
        }
        flushNow();
        syncEmbeddedDatabase();
        if (pending() > 0) {
            LOG.severe(() -> pending() + " usage records could not be written at shutdown");
        } else {
            LOG.info(() -> "usage recorder drained at shutdown; " + written.sum() + " records written since start");
        }
    }

    /**
     * An H2 file database opened with a write delay (H2's default is 0.5 s; the embedded default sets
     * {@code WRITE_DELAY=0}, a user's own URL may not) writes committed changes to its file that much later, and
     * it is opened with {@code DB_CLOSE_ON_EXIT=FALSE} (its own exit hook could close it before this
     * last flush): without a sync, a server stopping right after the final batch would lose it.
     */
    private boolean syncEmbeddedDatabase() {
        try (Connection connection = dataSource.getConnection()) {
            String url = connection.getMetaData().getURL();
            if (url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
                try (Statement sync = connection.createStatement()) {
                    sync.execute("CHECKPOINT SYNC");
                }
            }
            return true;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "could not sync the embedded database to disk", e);
            return false;
        }
    }

    /** Caller holds the flush lock. */
    private void flushAll() {
        for (int round = 0; round < 1000; round++) {
            UsageJournal.Batch batch;
            try {
                batch = journal.read(batchSize);
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "the usage journal cannot be read", e);
                return;
            }
            if (batch.events().isEmpty()) {
                commitRead(batch); // moves past segments read to their end
                return;
            }
            try {
                write(batch.events(), batch.replayed() || lastFailed);
                if (!commitRead(batch)) {
                    lastFailed = true;
                    return;
                }
                lastFailed = false;
                lastFailure = null;
                refusedRounds = 0;
                if (unreachableSince != null) {
                    LOG.info(() -> "the database is reachable again (unreachable since " + unreachableSince
                            + "); writing the journaled usage records");
                    unreachableSince = null;
                }
            } catch (Exception | LinkageError e) {
                lastFailed = true;
                lastFailure = String.valueOf(e);
                if (DatabaseOutage.causedBy(e)) {
                    if (unreachableSince == null) {
                        unreachableSince = Instant.now(clock);
                        LOG.log(Level.WARNING, "the database is unreachable: usage records stay in the journal ("
                                + journal.backlog() + " so far) and are written once it is back", e);
                    }
                    return;
                }
                if (++refusedRounds < ISOLATE_AFTER) {
                    LOG.log(Level.WARNING, "writing " + batch.events().size() + " usage records failed; will retry", e);
                    return;
                }
                if (!isolate(batch)) {
                    return;
                }
            }
        }
    }

    /**
     * A batch the database keeps refusing while it answers: each record is written on its own, and
     * those it refuses on their own go to the {@link DeadLetters} file, so that one bad record does
     * not hold the journal (and, once its budget is spent, every call). False if the database went
     * away meanwhile or a record could not be set aside: the batch stays at the journal's head.
     */
    private boolean isolate(UsageJournal.Batch batch) {
        for (UsageEvent event : batch.events()) {
            try {
                write(List.of(event), true);
            } catch (Exception | LinkageError e) {
                if (DatabaseOutage.causedBy(e)) {
                    return false;
                }
                try {
                    deadLetters.add(event, e, Instant.now(clock));
                } catch (IOException io) {
                    LOG.log(Level.SEVERE, "a usage record the database refuses cannot be set aside in "
                            + deadLetters.file() + "; it stays in the journal", io);
                    return false;
                }
                LOG.log(Level.SEVERE, "the database refuses usage record " + event.requestId() + " of key " + event.keyId()
                        + " (not billed); it is set aside in " + deadLetters.file() + " for a replay", e);
            }
        }
        if (!commitRead(batch)) {
            return false;
        }
        lastFailed = false;
        lastFailure = null;
        refusedRounds = 0;
        return true;
    }

    /**
     * Moves the journal past {@code batch}. Segments it leaves behind are deleted, so the embedded
     * database is synced first: an H2 with a write delay writes a commit to its file that much later, and a
     * kill -9 in between must still find the records in the journal.
     */
    private boolean commitRead(UsageJournal.Batch batch) {
        if (batch.segment() != journal.cursorSegment() && !syncEmbeddedDatabase()) {
            return false; // read again (and checked against the database) on the next flush
        }
        journal.committed(batch);
        return true;
    }

    private void write(List<UsageEvent> batch, boolean mayBeWritten) throws Exception {
        Map<String, Long> debits;
        int fresh;
        tx.begin();
        try {
            try (Connection connection = dataSource.getConnection()) {
                List<UsageEvent> toWrite = mayBeWritten ? writer.notYetWritten(connection, batch) : batch;
                fresh = toWrite.size();
                debits = toWrite.isEmpty() ? Map.of() : writer.write(connection, toWrite);
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
        written.add(fresh);
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
