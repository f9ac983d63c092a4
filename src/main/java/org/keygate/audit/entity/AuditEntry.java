package org.keygate.audit.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One audit entry; {@code entryHash} covers every other field and the previous entry's hash. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private long seq;
    private Instant at;
    private String actor;
    private String action;
    @Column(name = "target_type")
    private String targetType;
    @Column(name = "target_id")
    private String targetId;
    @Column(name = "before_json")
    private String beforeJson;
    @Column(name = "after_json")
    private String afterJson;
    @Column(name = "source_ip")
    private String sourceIp;
    @Column(name = "prev_hash")
    private String prevHash;
    @Column(name = "entry_hash")
    private String entryHash;

    protected AuditEntry() {
    }

    public AuditEntry(long seq, Instant at, String actor, String action, String targetType, String targetId,
            String beforeJson, String afterJson, String sourceIp, String prevHash, String entryHash) {
        this.seq = seq;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.beforeJson = beforeJson;
        this.afterJson = afterJson;
        this.sourceIp = sourceIp;
        this.prevHash = prevHash;
        this.entryHash = entryHash;
    }

    public long getSeq() {
        return seq;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public String getBeforeJson() {
        return beforeJson;
    }

    public String getAfterJson() {
        return afterJson;
    }

    public String getSourceIp() {
        return sourceIp;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public String getEntryHash() {
        return entryHash;
    }
}
