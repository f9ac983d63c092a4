package org.keygate.team.entity;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One append-only movement of a team's balance, in exact USD (6 decimal places). */
@Entity
@Table(name = "ledger_entry")
@NamedQuery(name = LedgerEntry.BY_TEAM, query = "SELECT l FROM LedgerEntry l WHERE l.teamId = :teamId ORDER BY l.id DESC")
@NamedQuery(name = LedgerEntry.COUNT_BY_TEAM, query = "SELECT COUNT(l) FROM LedgerEntry l WHERE l.teamId = :teamId")
public class LedgerEntry {

    public static final String BY_TEAM = "LedgerEntry.byTeam";
    public static final String COUNT_BY_TEAM = "LedgerEntry.countByTeam";

    @Id
    private String id;
    @Column(name = "team_id")
    private String teamId;
    private BigDecimal amount;
    @Enumerated(EnumType.STRING)
    private LedgerKind kind;
    private String note;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;

    protected LedgerEntry() {
    }

    public LedgerEntry(String id, String teamId, BigDecimal amount, LedgerKind kind, String note,
            Instant createdAt, String createdBy) {
        this.id = id;
        this.teamId = teamId;
        this.amount = amount;
        this.kind = kind;
        this.note = note;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String getId() {
        return id;
    }

    public String getTeamId() {
        return teamId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public LedgerKind getKind() {
        return kind;
    }

    public String getNote() {
        return note;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }
}
