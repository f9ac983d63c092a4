package org.keygate.monitoring.boundary;

import java.time.Instant;

import org.keygate.monitoring.entity.WebhookDelivery;

/** Where one alert's delivery to one webhook stands. */
public record DeliveryView(String id, String webhookId, String alertId, String status, int attempts,
        Integer lastStatus, String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {

    public static DeliveryView from(WebhookDelivery d) {
        return new DeliveryView(d.getId(), d.getWebhookId(), d.getAlertId(), d.getStatus(), d.getAttempts(),
                d.getLastStatus(), d.getLastError(), d.getNextAttemptAt(), d.getDeliveredAt(), d.getCreatedAt());
    }
}
