package org.keygate.access.boundary;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.OrgRoleSource;
import org.keygate.access.entity.TeamRole;
import org.keygate.platform.control.Forbidden;

/**
 * Who is calling, as established by the authentication filter for this request: the member,
 * their organisation role and their role in each team. Services ask it, never the HTTP layer, so
 * the same rules hold for the REST API and the pages (docs/authentication.md).
 */
@RequestScoped
public class Caller {

    private String memberId;
    private String username;
    private OrgRole orgRole;
    private Map<String, TeamRole> teamRoles = Map.of();
    private OrgRoleSource orgRoleSource = OrgRoleSource.KEYGATE;
    private String sourceIp;

    public void authenticate(String memberId, String username, OrgRole orgRole, Map<String, TeamRole> teamRoles,
            String sourceIp) {
        authenticate(memberId, username, orgRole, teamRoles, OrgRoleSource.KEYGATE, sourceIp);
    }

    /** {@code orgRoleSource}: where the effective {@code orgRole} comes from ({@code GET /api/v1/me} tells it). */
    public void authenticate(String memberId, String username, OrgRole orgRole, Map<String, TeamRole> teamRoles,
            OrgRoleSource orgRoleSource, String sourceIp) {
        this.memberId = memberId;
        this.username = username;
        this.orgRole = orgRole;
        this.teamRoles = Map.copyOf(teamRoles);
        this.orgRoleSource = orgRoleSource;
        this.sourceIp = sourceIp;
    }

    public boolean isAuthenticated() {
        return memberId != null;
    }

    public String memberId() {
        return memberId;
    }

    public String username() {
        return username;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public OrgRole orgRole() {
        return orgRole;
    }

    public OrgRoleSource orgRoleSource() {
        return orgRoleSource;
    }

    /** A service client of the IdP: no member stands behind it ({@link #memberId()} matches none). */
    public boolean isServiceClient() {
        return orgRoleSource == OrgRoleSource.SERVICE;
    }

    public boolean isOrgAdmin() {
        return orgRole == OrgRole.ORG_ADMIN;
    }

    /** ORG_ADMIN and AUDITOR read everything. */
    public boolean readsEverything() {
        return orgRole == OrgRole.ORG_ADMIN || orgRole == OrgRole.AUDITOR;
    }

    /** Machine accounts (SERVICE) and ORG_ADMIN may use the service endpoints: verify, revoke-leaked. */
    public void requireService() {
        if (orgRole != OrgRole.SERVICE && orgRole != OrgRole.ORG_ADMIN) {
            throw new Forbidden("this endpoint is for service accounts (org role SERVICE) or ORG_ADMIN");
        }
    }

    public boolean isTeamAdmin(String teamId) {
        return isOrgAdmin() || teamRoles.get(teamId) == TeamRole.TEAM_ADMIN;
    }

    public boolean belongsTo(String teamId) {
        return teamRoles.containsKey(teamId);
    }

    public boolean canReadTeam(String teamId) {
        return readsEverything() || belongsTo(teamId);
    }

    public Set<String> teamIds() {
        return teamRoles.keySet();
    }

    public Set<String> adminTeamIds() {
        return teamRoles.entrySet().stream().filter(e -> e.getValue() == TeamRole.TEAM_ADMIN)
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether the caller may change anything through the admin API: neither AUDITOR nor SERVICE. */
    public boolean isWriter() {
        return orgRole != OrgRole.AUDITOR && orgRole != OrgRole.SERVICE;
    }

    /** Auditors read everything and change nothing; service accounts change nothing through the admin API. */
    public void requireWriter() {
        if (orgRole == OrgRole.AUDITOR) {
            throw new Forbidden("the AUDITOR role is read-only");
        }
        if (orgRole == OrgRole.SERVICE) {
            throw new Forbidden("service accounts may only use the service endpoints");
        }
    }

    public void requireOrgAdmin() {
        if (!isOrgAdmin()) {
            throw new Forbidden("this operation needs the ORG_ADMIN role");
        }
    }
}
