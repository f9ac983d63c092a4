package org.keygate.monitoring.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Version;

/**
 * One detected anomaly. {@code fingerprint} is unique, which is what makes every anomaly raise
 * exactly one alert however often the detectors run, on however many nodes.
 */
@Entity
@NamedQuery(name = Alert.BY_FINGERPRINT, query = "SELECT a FROM Alert a WHERE a.fingerprint = :fingerprint")
public class Alert {

    public static final String BY_FINGERPRINT = "Alert.byFingerprint";

    @Id
    private String id;
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "team_id")
    private String teamId;
    private String detector;
    private String severity;
    private String summary;
    private String evidence;
    private String fingerprint;
    @Column(name = "action_taken")
    private String actionTaken;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    private String acknowledgedBy;
    @Version
    private long version;

    protected Alert() {
    }

    public Alert(String id, String keyId, String teamId, String detector, String severity, String summary,
            String evidence, String fingerprint, Instant createdAt) {
        this.id = id;
        this.keyId = keyId;
        this.teamId = teamId;
        this.detector = detector;
        this.severity = severity;
        this.summary = summary;
        this.evidence = evidence;
        this.fingerprint = fingerprint;
        this.createdAt = createdAt;
    }

    public void acknowledge(Instant at, String by) {
        this.acknowledgedAt = at;
        this.acknowledgedBy = by;
    }

    public String getId() {
        return id;
    }

    public String getKeyId() {
        return keyId;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getDetector() {
        return detector;
    }

    public String getSeverity() {
        return severity;
    }

    public String getSummary() {
        return summary;
    }

    public String getEvidence() {
        return evidence;
    }

    public String getFingerprint() {
        return fingerprint;
    }

    public String getActionTaken() {
        return actionTaken;
    }

    public void setActionTaken(String actionTaken) {
        this.actionTaken = actionTaken;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getAcknowledgedAt() {
        return acknowledgedAt;
    }

    public String getAcknowledgedBy() {
        return acknowledgedBy;
    }
}
