package org.keygate.team.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.keygate.access.entity.TeamRole;

/** A member's role in one team. */
@Entity
public class Membership {

    @Id
    private String id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "member_id")
    private Member member;
    @ManyToOne(optional = false)
    @JoinColumn(name = "team_id")
    private Team team;
    @Enumerated(EnumType.STRING)
    private TeamRole role;
    /** Granted by the identity provider's groups: follows them, not editable in Keygate. */
    @Column(name = "from_idp")
    private boolean fromIdp;

    protected Membership() {
    }

    public Membership(String id, Member member, Team team, TeamRole role) {
        this.id = id;
        this.member = member;
        this.team = team;
        this.role = role;
    }

    public String getId() {
        return id;
    }

    public Member getMember() {
        return member;
    }

    public Team getTeam() {
        return team;
    }

    public TeamRole getRole() {
        return role;
    }

    public void setRole(TeamRole role) {
        this.role = role;
    }

    public boolean isFromIdp() {
        return fromIdp;
    }

    public void setFromIdp(boolean fromIdp) {
        this.fromIdp = fromIdp;
    }
}
