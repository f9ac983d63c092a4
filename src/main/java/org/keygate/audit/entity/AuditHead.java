package org.keygate.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The single row holding the chain's tip. Appending locks it ({@code SELECT … FOR UPDATE}), which
 * orders concurrent appends on every node without a gap or a fork in the chain.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    public static final int ID = 1;

    @Id
    private int id;
    @Column(name = "last_seq")
    private long lastSeq;
    @Column(name = "last_hash")
    private String lastHash;

    protected AuditHead() {
    }

    public long getLastSeq() {
        return lastSeq;
    }

    public String getLastHash() {
        return lastHash;
    }

    public void advance(long seq, String hash) {
        this.lastSeq = seq;
        this.lastHash = hash;
    }
}
