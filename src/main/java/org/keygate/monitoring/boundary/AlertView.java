package org.keygate.monitoring.boundary;

import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.keygate.monitoring.entity.Alert;

/**
 * An alert as the API and webhooks show it: the evidence as JSON, and links to the key and to its
 * usage history around the alert.
 */
public record AlertView(String id, String keyId, String teamId, String detector, String severity, String summary,
        JsonValue evidence, String actionTaken, Instant createdAt, Instant acknowledgedAt, String acknowledgedBy,
        String keyUrl, String usageUrl) {

    public static AlertView from(Alert a, String publicUrl) {
        JsonValue evidence;
        try (var reader = Json.createReader(new java.io.StringReader(a.getEvidence()))) {
            evidence = reader.readValue();
        }
        String base = publicUrl.endsWith("/") ? publicUrl : publicUrl + "/";
        return new AlertView(a.getId(), a.getKeyId(), a.getTeamId(), a.getDetector(), a.getSeverity(), a.getSummary(),
                evidence, a.getActionTaken(), a.getCreatedAt(), a.getAcknowledgedAt(), a.getAcknowledgedBy(),
                base + "api/v1/keys/" + a.getKeyId(),
                base + "api/v1/usage/records?key_id=" + a.getKeyId() + "&from="
                        + a.getCreatedAt().minusSeconds(24 * 3600) + "&to=" + a.getCreatedAt().plusSeconds(3600));
    }
}
