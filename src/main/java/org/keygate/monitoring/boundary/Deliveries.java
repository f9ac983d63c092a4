package org.keygate.monitoring.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.platform.boundary.Metrics;
import org.keygate.monitoring.control.RetryPolicy;
import org.keygate.monitoring.entity.Alert;
import org.keygate.monitoring.entity.Webhook;
import org.keygate.monitoring.entity.WebhookDelivery;
import org.keygate.platform.control.Json;

/**
 * The database side of webhook delivery, in short transactions of their own so that no
 * transaction or lock is held while a receiver is being called: claim due deliveries, then
 * record each outcome.
 */
@Stateless
public class Deliveries {

    @Inject
    Metrics metrics;

    /** Everything needed to send one delivery, read while it was claimed. */
    public record Job(String deliveryId, String url, String secret, String body) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "keygate.public-url", defaultValue = "http://localhost:8080/")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "keygate.webhooks.retry-first-seconds", defaultValue = "30")
    long retryFirstSeconds;

    @Inject
    @ConfigProperty(name = "keygate.webhooks.retry-cap-seconds", defaultValue = "3600")
    long retryCapSeconds;

    @Inject
    @ConfigProperty(name = "keygate.webhooks.max-attempts", defaultValue = "8")
    int maxAttempts;

    /** Claims up to {@code limit} due deliveries for two minutes; another node skips claimed ones. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Job> claimDue(int limit) {
        Instant now = Instant.now(clock);
        List<WebhookDelivery> due = em.createQuery("SELECT d FROM WebhookDelivery d WHERE d.status = 'pending'"
                + " AND d.nextAttemptAt <= :now AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)"
                + " ORDER BY d.nextAttemptAt", WebhookDelivery.class).setParameter("now", now).setMaxResults(limit)
                .getResultList();
        List<Job> jobs = new ArrayList<>();
        for (WebhookDelivery d : due) {
            int claimed = em.createQuery("UPDATE WebhookDelivery d SET d.claimedUntil = :until WHERE d.id = :id"
                    + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
                    .setParameter("until", now.plus(Duration.ofMinutes(2))).setParameter("id", d.getId())
                    .setParameter("now", now).executeUpdate();
            if (claimed != 1) {
                continue;
            }
            Webhook hook = em.find(Webhook.class, d.getWebhookId());
            Alert alert = em.find(Alert.class, d.getAlertId());
            String body = "{\"type\":\"alert.raised\",\"delivery_id\":\"" + d.getId() + "\",\"alert\":"
                    + Json.write(AlertView.from(alert, publicUrl)) + "}";
            jobs.add(new Job(d.getId(), hook.getUrl(), hook.getSecret(), body));
        }
        return jobs;
    }

    /** Records one attempt's outcome: a 2xx delivers, anything else is retried with back-off or given up. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void record(String deliveryId, Integer httpStatus, String error) {
        WebhookDelivery d = em.find(WebhookDelivery.class, deliveryId);
        if (d == null || !WebhookDelivery.PENDING.equals(d.getStatus())) {
            return;
        }
        Instant now = Instant.now(clock);
        String outcome;
        if (httpStatus != null && httpStatus >= 200 && httpStatus < 300) {
            d.succeeded(now, httpStatus);
            outcome = "delivered";
        } else {
            RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(retryFirstSeconds),
                    Duration.ofSeconds(retryCapSeconds), maxAttempts);
            d.failed(httpStatus, error, policy.next(now, d.getAttempts() + 1).orElse(null));
            outcome = WebhookDelivery.FAILED.equals(d.getStatus()) ? "failed" : "retrying";
        }
        metrics.registry().counter("keygate_webhook_deliveries", "outcome", outcome).increment();
    }
}
