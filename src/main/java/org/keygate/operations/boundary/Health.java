package org.keygate.operations.boundary;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.gateway.control.UpstreamOutcomes;
import org.keygate.platform.boundary.Connections;
import org.keygate.platform.boundary.Migrator;
import org.keygate.platform.boundary.RedisSetup;
import org.keygate.platform.control.DatabaseOutage;
import org.keygate.platform.control.Redis;
import org.keygate.platform.control.SharedStateUnavailable;
import org.keygate.usage.boundary.MeteringState;
import org.keygate.usage.boundary.UsageRecorder;

/**
 * The node's readiness and liveness. Ready means it can do all of its work: the database answers
 * (and was migrated at start), the usage journal takes calls and the writer is not failing, and
 * Redis answers where the node is clustered. Readiness also tells how each upstream provider
 * answered this node's last calls, but only as information, always up: an upstream's outage is
 * not this node's, and taking the nodes out of the balancer for it would refuse the other
 * providers' calls too. Live means a restart would not help: false only when the usage journal
 * failed a write, which it never recovers from by itself.
 *
 * <p>A probe never piles up threads on a database that does not answer: one check runs at a time,
 * and a probe that arrives meanwhile, or within {@link #FRESH} of the last check, gets that
 * check's report. Each check is bounded (the connection's validation by two seconds, the pool's and
 * driver's own timeouts, Redis by its command timeout).
 */
@ApplicationScoped
public class Health {

    static final Duration FRESH = Duration.ofSeconds(1);

    @EJB
    Migrator migrator;

    @Inject
    UsageRecorder recorder;

    @Inject
    RedisSetup redisSetup;

    @Inject
    Clock clock;

    @Inject
    Connections connections;

    @Inject
    UpstreamOutcomes upstreams;

    private DataSource database;
    private final AtomicReference<Report> last = new AtomicReference<>();
    private final AtomicBoolean checking = new AtomicBoolean();

    /** One check's outcome: its name, up or down, and what it found (never a secret). */
    public record Check(String name, boolean up, Map<String, Object> data) {
    }

    /** All checks at one moment; up when every one is. */
    public record Report(Instant at, List<Check> checks) {

        public boolean up() {
            return checks.stream().allMatch(Check::up);
        }
    }

    @PostConstruct
    void init() {
        database = connections.dataSource();
    }

    /** Whether a restart would help: the usage journal failed and refuses every call until then. */
    public Report live() {
        MeteringState metering = recorder.state();
        Map<String, Object> data = new LinkedHashMap<>();
        if (metering.journalFailed()) {
            data.put("reason", metering.refusal());
        }
        return new Report(clock.instant(), List.of(new Check("usage-journal", !metering.journalFailed(), data)));
    }

    public Report ready() {
        Report previous = last.get();
        Instant now = clock.instant();
        if (previous != null && previous.at().plus(FRESH).isAfter(now)) {
            return previous;
        }
        if (!checking.compareAndSet(false, true)) {
            return previous != null ? previous : new Report(now, List.of(new Check("checks", false,
                    Map.of("reason", "the first check is still running"))));
        }
        try {
            List<Check> checks = new ArrayList<>();
            checks.add(database());
            checks.add(metering());
            Redis redis = redisSetup.redis();
            if (redis != null) {
                checks.add(redis(redis));
            }
            checks.add(upstreams());
            Report report = new Report(clock.instant(), List.copyOf(checks));
            last.set(report);
            return report;
        } finally {
            checking.set(false);
        }
    }

    private Check database() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("schema_version", migrator.schemaVersion());
        Instant unreachableSince = recorder.state().databaseUnreachableSince();
        if (unreachableSince != null) {
            data.put("usage_writes_failing_since", unreachableSince.toString());
        }
        try (Connection connection = database.getConnection()) {
            if (!connection.isValid(2)) {
                data.put("reason", "the connection did not answer its validation within 2 s");
                return new Check("database", false, data);
            }
        } catch (SQLException | RuntimeException e) {
            data.put("reason", DatabaseOutage.causedBy(e) ? "the database cannot be reached"
                    : "the check failed (" + e.getClass().getSimpleName() + ")");
            return new Check("database", false, data);
        }
        return new Check("database", unreachableSince == null, data);
    }

    private Check metering() {
        MeteringState state = recorder.state();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backlog", state.backlog());
        data.put("journal_bytes", state.journalBytes());
        data.put("journal_max_bytes", state.journalMaxBytes());
        data.put("written", state.written());
        data.put("dead_lettered", state.deadLettered());
        if (!state.accepting()) {
            data.put("reason", state.refusal());
        }
        return new Check("usage-journal", state.accepting(), data);
    }

    /** Per provider relayed to since start: how its last call ended, when, and how many of its latest failed. */
    private Check upstreams() {
        Map<String, Object> data = new LinkedHashMap<>();
        upstreams.seen().forEach((provider, seen) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (seen.lastStatus() > 0) {
                entry.put("last_status", seen.lastStatus());
            }
            entry.put("last_outcome", seen.lastFailure() == null ? "answered" : seen.lastFailure().code());
            entry.put("last_at", seen.lastAt().toString());
            entry.put("recent_calls", seen.recentCalls());
            entry.put("recent_failures", seen.recentFailures());
            data.put(provider, entry);
        });
        return new Check("upstreams", true, data);
    }

    private static Check redis(Redis redis) {
        Map<String, Object> data = new LinkedHashMap<>();
        long started = System.nanoTime();
        try {
            redis.ping();
            data.put("round_trip_ms", (System.nanoTime() - started) / 1_000_000.0);
            return new Check("redis", true, data);
        } catch (SharedStateUnavailable e) {
            data.put("reason", "Redis did not answer within its command timeout");
            return new Check("redis", false, data);
        }
    }
}
