package org.keygate.monitoring.boundary;

/** {@code POST /api/v1/teams/{id}/webhooks}: where to send the team's alerts, from which severity on (default low). */
public record CreateWebhookRequest(String url, String minSeverity) {
}
