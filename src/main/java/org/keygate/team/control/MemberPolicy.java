package org.keygate.team.control;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;

/**
 * Who may manage whom (docs/authentication.md): ORG_ADMIN everyone; a TEAM_ADMIN adds people to and changes roles
 * in the teams they administer, and offboards someone only when they administer every team of that
 * person (who holds no organisation role); nobody offboards themselves; AUDITOR and SERVICE change
 * nothing. The member service enforces it; the Members page asks it what to offer.
 */
@ApplicationScoped
public class MemberPolicy {

    @Inject
    Caller caller;

    public MemberPolicy() {
    }

    MemberPolicy(Caller caller) {
        this.caller = caller;
    }

    /** ORG_ADMIN or TEAM_ADMIN of some team (the service refuses readers before asking). */
    public boolean managesPeople() {
        return caller.isOrgAdmin() || !caller.adminTeamIds().isEmpty();
    }

    /** Whether to offer new members and role changes at all. */
    public boolean mayCreate() {
        return caller.isWriter() && managesPeople();
    }

    /** Whether the caller may add people to the team or change their role in it. */
    public boolean mayManageTeam(String teamId) {
        return caller.isTeamAdmin(teamId);
    }

    /** Organisation roles (ORG_ADMIN, AUDITOR, SERVICE) are given and taken by an ORG_ADMIN only. */
    public boolean mayChangeOrgRoles() {
        return caller.isOrgAdmin();
    }

    /** Whether to offer changing the roles of an active member. */
    public boolean mayEditRoles(boolean active) {
        return active && mayCreate();
    }

    /** ORG_ADMIN, or TEAM_ADMIN of every team of a member who has teams and no organisation role. */
    public boolean administersAllTeamsOf(OrgRole orgRole, Collection<String> teamIds) {
        return caller.isOrgAdmin() || (orgRole == null && !teamIds.isEmpty() && teamIds.stream().allMatch(caller::isTeamAdmin));
    }

    public boolean isSelf(String memberId) {
        return memberId.equals(caller.memberId());
    }

    /** Whether offboarding the member would be accepted: the service's rules, in one answer. */
    public boolean mayOffboard(String memberId, OrgRole orgRole, Collection<String> teamIds, boolean active) {
        return caller.isWriter() && active && !isSelf(memberId) && administersAllTeamsOf(orgRole, teamIds);
    }
}
