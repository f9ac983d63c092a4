package org.keygate.monitoring.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One alert on its way to one webhook: {@code pending} until a 2xx answer ({@code delivered}) or
 * until the retries are used up ({@code failed}). {@code claimedUntil} lets exactly one node send
 * a due delivery at a time.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    private String id;
    @Column(name = "webhook_id")
    private String webhookId;
    @Column(name = "alert_id")
    private String alertId;
    private String status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "claimed_until")
    private Instant claimedUntil;
    @Column(name = "last_status")
    private Integer lastStatus;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "created_at")
    private Instant createdAt;

    protected WebhookDelivery() {
    }

    public WebhookDelivery(String id, String webhookId, String alertId, Instant createdAt) {
        this.id = id;
        this.webhookId = webhookId;
        this.alertId = alertId;
        this.status = PENDING;
        this.nextAttemptAt = createdAt;
        this.createdAt = createdAt;
    }

    public void succeeded(Instant at, int httpStatus) {
        attempts++;
        status = DELIVERED;
        deliveredAt = at;
        lastStatus = httpStatus;
        lastError = null;
        nextAttemptAt = null;
        claimedUntil = null;
    }

    /** A failed attempt; {@code retryAt} null means the retries are used up. */
    public void failed(Integer httpStatus, String error, Instant retryAt) {
        attempts++;
        lastStatus = httpStatus;
        lastError = error;
        nextAttemptAt = retryAt;
        status = retryAt == null ? FAILED : PENDING;
        claimedUntil = null;
    }

    public String getId() {
        return id;
    }

    public String getWebhookId() {
        return webhookId;
    }

    public String getAlertId() {
        return alertId;
    }

    public String getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Integer getLastStatus() {
        return lastStatus;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
