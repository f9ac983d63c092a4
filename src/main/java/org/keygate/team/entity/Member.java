package org.keygate.team.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Version;
import org.keygate.access.entity.OrgRole;

/**
 * A person, identified by the SSO subject or local user name. In {@code local} mode the member
 * also holds a PBKDF2 password hash; an offboarded member can neither log in nor use keys.
 */
@Entity
@NamedQuery(name = Member.BY_USERNAME, query = "SELECT m FROM Member m WHERE m.username = :username")
public class Member {

    public static final String BY_USERNAME = "Member.byUsername";

    @Id
    private String id;
    private String username;
    @Column(name = "display_name")
    private String displayName;
    private String email;
    @Enumerated(EnumType.STRING)
    @Column(name = "org_role")
    private OrgRole orgRole;
    @Enumerated(EnumType.STRING)
    private MemberStatus status;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "offboarded_at")
    private Instant offboardedAt;
    @OneToMany(mappedBy = "member", cascade = CascadeType.ALL, orphanRemoval = true)
    private List<Membership> memberships = new ArrayList<>();
    @Version
    private long version;

    protected Member() {
    }

    public Member(String id, String username, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.createdAt = createdAt;
        this.status = MemberStatus.ACTIVE;
    }

    public String getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public OrgRole getOrgRole() {
        return orgRole;
    }

    public void setOrgRole(OrgRole orgRole) {
        this.orgRole = orgRole;
    }

    public MemberStatus getStatus() {
        return status;
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getOffboardedAt() {
        return offboardedAt;
    }

    public void offboard(Instant at) {
        this.status = MemberStatus.OFFBOARDED;
        this.offboardedAt = at;
    }

    public List<Membership> getMemberships() {
        return memberships;
    }
}
