package org.keygate.monitoring.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/**
 * A team's alert receiver. The signing secret has to be kept to sign each delivery; it is shown
 * to the admin once, at creation, and never again through the API.
 */
@Entity
public class Webhook {

    @Id
    private String id;
    @Column(name = "team_id")
    private String teamId;
    private String url;
    private String secret;
    @Column(name = "min_severity")
    private String minSeverity;
    private boolean active;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Version
    private long version;

    protected Webhook() {
    }

    public Webhook(String id, String teamId, String url, String secret, String minSeverity, Instant createdAt,
            String createdBy) {
        this.id = id;
        this.teamId = teamId;
        this.url = url;
        this.secret = secret;
        this.minSeverity = minSeverity;
        this.active = true;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getId() {
        return id;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getUrl() {
        return url;
    }

    public String getSecret() {
        return secret;
    }

    public String getMinSeverity() {
        return minSeverity;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
