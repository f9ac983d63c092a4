package org.keygate.monitoring.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.keygate.monitoring.control.Severity;

/**
 * Runs the detectors every {@code keygate.anomaly.scan-seconds}, never on a request thread, and hands what they find to
 * {@link Alerts}, which raises each anomaly once. Today: rotation reminders for keys past the
 * rotation period.
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

    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

    @PostConstruct
    void schedule() {
        long every = Duration.ofSeconds(scanSeconds).toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("anomaly-scan", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void scan() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            raise(rotationReminders(Instant.now(clock)));
        } finally {
            running.set(false);
        }
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
