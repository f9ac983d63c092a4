package org.keygate.monitoring.boundary;

import java.time.Instant;

import org.keygate.monitoring.entity.Webhook;

/** A webhook as the API shows it; {@code secret} only in the response that creates it. */
public record WebhookView(String id, String teamId, String url, String minSeverity, boolean active, Instant createdAt,
        String createdBy, String secret) {

    public static WebhookView from(Webhook w, boolean withSecret) {
        return new WebhookView(w.getId(), w.getTeamId(), w.getUrl(), w.getMinSeverity(), w.isActive(), w.getCreatedAt(),
                w.getCreatedBy(), withSecret ? w.getSecret() : null);
    }
}
