package org.keygate.monitoring.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A team's optional policy: deactivate a key at once when it raises a critical alert (reason {@code anomaly}). */
@Entity
@Table(name = "alert_policy")
public class AlertPolicy {

    @Id
    @Column(name = "team_id")
    private String teamId;
    @Column(name = "deactivate_on_critical")
    private boolean deactivateOnCritical;
    @Version
    private long version;

    protected AlertPolicy() {
    }

    public AlertPolicy(String teamId, boolean deactivateOnCritical) {
        this.teamId = teamId;
        this.deactivateOnCritical = deactivateOnCritical;
    }

    public String getTeamId() {
        return teamId;
    }

    public boolean isDeactivateOnCritical() {
        return deactivateOnCritical;
    }

    public void setDeactivateOnCritical(boolean deactivateOnCritical) {
        this.deactivateOnCritical = deactivateOnCritical;
    }
}
