package org.keygate.monitoring.boundary;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.monitoring.control.WebhookSigner;
import org.keygate.platform.control.ClusterLock;

/**
 * Every five seconds, sends due webhook deliveries: JSON body, {@code X-Keygate-Signature}, a
 * short timeout; the outcome is recorded by {@link Deliveries}. No transaction is open while a
 * receiver is called.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    @Inject
    Deliveries deliveries;

    @Inject
    Clock clock;

    @Inject
    ClusterLock cluster;

    @Inject
    @ConfigProperty(name = "keygate.webhooks.timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    @Inject
    WebhookTargetPolicy targets;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void dispatch() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            // one node at a time; the lock lasts as long as a claim, so a dead holder's claims and lock end together
            cluster.runExclusively("webhook-deliveries", Duration.ofMinutes(2), () -> {
                for (Deliveries.Job job : deliveries.claimDue(20)) {
                    send(job);
                }
            });
        } finally {
            running.set(false);
        }
    }

    private void send(Deliveries.Job job) {
        Integer status = null;
        String error = null;
        try {
            URI target = URI.create(job.url());
            String refusal = targets.refusal(target);
            if (refusal != null) {
                deliveries.record(job.deliveryId(), null, "not sent: the URL " + refusal);
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Keygate-Webhooks")
                    .header(WebhookSigner.HEADER, WebhookSigner.header(job.secret(), clock.millis() / 1000, job.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(job.body())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status < 200 || status >= 300) {
                error = "receiver answered HTTP " + status;
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        if (error != null) {
            String reason = error;
            LOG.fine(() -> "webhook delivery " + job.deliveryId() + " failed: " + reason);
        }
        deliveries.record(job.deliveryId(), status, error == null ? null : error.substring(0, Math.min(500, error.length())));
    }
}
