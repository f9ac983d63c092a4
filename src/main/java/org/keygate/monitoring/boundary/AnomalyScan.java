package org.keygate.monitoring.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.keys.entity.ApiKey;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.monitoring.control.Finding;
import org.keygate.monitoring.control.NewIpDetector;
import org.keygate.monitoring.control.OffHoursDetector;
import org.keygate.monitoring.control.SpikeDetector;
import org.keygate.monitoring.control.UnexpectedModelDetector;
import org.keygate.monitoring.control.Severity;
import org.keygate.platform.control.ClusterLock;

/**
 * Runs the detectors every {@code keygate.anomaly.scan-seconds}, never on a request thread, over
 * the usage roll-ups of the keys active in the last two hours, and hands what they find to
 * {@link Alerts}, which raises each anomaly once. Also raises rotation reminders for keys past the
 * rotation period. Thresholds come from configuration (docs/alerts.md).
 */
@Singleton
@Startup
@DependsOn("Migrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AnomalyScan {

    public static final String ROTATION_DUE = "rotation_due";
    private static final Logger LOG = Logger.getLogger(AnomalyScan.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Alerts alerts;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keygate.keys.rotation-period-days", defaultValue = "90")
    int rotationPeriodDays;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.scan-seconds", defaultValue = "60")
    long scanSeconds;

    @Resource
    TimerService timers;

    @Inject
    ClusterLock cluster;

    @Inject
    UsageHistory history;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.spike.baseline-weeks", defaultValue = "4")
    int spikeBaselineWeeks;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.spike.sigmas", defaultValue = "3")
    double spikeSigmas;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.spike.min-ratio", defaultValue = "3")
    double spikeMinRatio;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.spike.floor-tokens", defaultValue = "20000")
    long spikeFloorTokens;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.spike.floor-cost-usd", defaultValue = "1.00")
    java.math.BigDecimal spikeFloorCost;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.model.lookback-days", defaultValue = "30")
    int modelLookbackDays;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.min-history-hours", defaultValue = "24")
    int minHistoryHours;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.off-hours.threshold", defaultValue = "20")
    long offHoursThreshold;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.new-ip.ipv4-prefix", defaultValue = "24")
    int ipv4Prefix;

    @Inject
    @ConfigProperty(name = "keygate.anomaly.new-ip.ipv6-prefix", defaultValue = "64")
    int ipv6Prefix;

    /** How long a node that died mid-scan keeps the others from scanning. */
    private static final Duration LOCK_TTL = Duration.ofMinutes(5);

    private final ReentrantLock running = new ReentrantLock();

    @PostConstruct
    void schedule() {
        long every = Duration.ofSeconds(scanSeconds).toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("anomaly-scan", false));
    }

    /**
     * The timer: skips its turn while a scan is still running here, or on another node (several
     * nodes scan in turn, never at once, so an anomaly is found and alerted once).
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void scan() {
        if (running.tryLock()) {
            try {
                cluster.runExclusively("anomaly-scan", LOCK_TTL, this::scanOnce);
            } finally {
                running.unlock();
            }
        }
    }

    /**
     * One complete scan now, after waiting for a running one to finish, so that when it returns
     * everything the detectors find in the data committed so far has been raised. The integration
     * tests drive the scan through it instead of sleeping through timer periods.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void runNow() {
        running.lock();
        try {
            scanOnce();
        } finally {
            running.unlock();
        }
    }

    private void scanOnce() {
        Instant now = Instant.now(clock);
        raise(rotationReminders(now));
        raise(usageAnomalies(now));
    }

    List<Finding> rotationReminders(Instant now) {
        Instant dueBefore = now.minus(Duration.ofDays(rotationPeriodDays));
        List<ApiKey> due = em.createQuery("SELECT k FROM ApiKey k WHERE k.status = :active AND k.rotatedTo IS NULL"
                + " AND k.createdAt <= :dueBefore AND (k.expiresAt IS NULL OR k.expiresAt > :now)"
                + " AND NOT EXISTS (SELECT a FROM Alert a WHERE a.keyId = k.id AND a.detector = :detector)", ApiKey.class)
                .setParameter("active", KeyStatus.ACTIVE).setParameter("dueBefore", dueBefore).setParameter("now", now)
                .setParameter("detector", ROTATION_DUE).setMaxResults(500).getResultList();
        return due.stream().map(k -> new Finding(ROTATION_DUE, Severity.LOW, k.getId(), ROTATION_DUE + ":" + k.getId(),
                "key " + k.getKeyPrefix() + "…" + k.getLast4() + " is older than the rotation period of "
                        + rotationPeriodDays + " days",
                Map.of("created_at", k.getCreatedAt().toString(), "rotation_period_days", rotationPeriodDays)))
                .toList();
    }

    /** The four usage detectors of docs/alerts.md over every key used in the last two hours. */
    List<Finding> usageAnomalies(Instant now) {
        Instant since = now.minus(Duration.ofHours(2));
        SpikeDetector spike = new SpikeDetector(spikeBaselineWeeks, spikeSigmas, spikeMinRatio, spikeFloorTokens,
                spikeFloorCost.movePointRight(6).longValueExact());
        UnexpectedModelDetector models = new UnexpectedModelDetector(Duration.ofDays(modelLookbackDays),
                Duration.ofHours(minHistoryHours));
        OffHoursDetector offHours = new OffHoursDetector(offHoursThreshold);
        NewIpDetector newIp = new NewIpDetector(ipv4Prefix, ipv6Prefix, Duration.ofHours(minHistoryHours));
        List<Finding> out = new ArrayList<>();
        for (UsageHistory.ActiveKey key : history.activeSince(since)) {
            try {
                spike.check(key.keyId(), now, history.spikeHours(key.keyId(), now, spikeBaselineWeeks)).ifPresent(out::add);
                UsageHistory.ModelUse use = history.modelUse(key.keyId(), since, now.minus(Duration.ofDays(modelLookbackDays + 1L)));
                out.addAll(models.check(key.keyId(), since, use.firstUse(), use.recent(), use.lastSeenBefore()));
                key.workingTime().flatMap(team -> offHours.check(key.keyId(), now, team,
                        history.hours(key.keyId(), now.minus(Duration.ofHours(48)))))
                        .ifPresent(out::add);
                UsageHistory.IpUse ips = history.ipUse(key.keyId(), since);
                Set<String> known = new HashSet<>();
                for (String ip : ips.before()) {
                    try {
                        known.add(newIp.subnetOf(ip));
                    } catch (IllegalArgumentException e) {
                        // not an address we can group; ignore it
                    }
                }
                out.addAll(newIp.check(key.keyId(), ips.firstUse(), ips.recent(), known));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "anomaly detection failed for key " + key.keyId(), e);
            }
        }
        return out;
    }

    private void raise(List<Finding> findings) {
        for (Finding f : findings) {
            try {
                alerts.raise(f);
            } catch (EJBException e) {
                LOG.log(Level.FINE, "finding " + f.fingerprint() + " was raised concurrently elsewhere", e);
            }
        }
    }
}
