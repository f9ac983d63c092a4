package org.keygate.keys.control;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;
import org.keygate.keys.entity.ApiKey;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.InvalidInput;
import org.keygate.team.entity.Member;

/**
 * Who may see and change which key (docs/authentication.md): a MEMBER their own keys in their teams, a
 * TEAM_ADMIN every key of their teams, ORG_ADMIN all, AUDITOR sees all and changes none. The key
 * service enforces these rules and the pages ask them, so both say the same.
 */
@ApplicationScoped
public class KeyAccess {

    @Inject
    Caller caller;

    public KeyAccess() {
    }

    KeyAccess(Caller caller) {
        this.caller = caller;
    }

    /** Whether the caller may see the key; one they may not see is "not found" to them. */
    public boolean maySee(ApiKey key) {
        return caller.readsEverything() || caller.memberId().equals(key.getOwnerId()) || caller.isTeamAdmin(key.getTeamId());
    }

    /** Changing a key the caller sees needs a role that writes. */
    public void requireChange() {
        caller.requireWriter();
    }

    /** Narrows a key query ({@code k}) to the keys the caller may see. */
    public void restrict(List<String> where, Map<String, Object> params) {
        if (caller.readsEverything()) {
            return;
        }
        Set<String> teams = caller.adminTeamIds();
        if (teams.isEmpty()) {
            where.add("k.ownerId = :self");
        } else {
            where.add("(k.ownerId = :self OR k.teamId IN :adminTeams)");
            params.put("adminTeams", teams);
        }
        params.put("self", caller.memberId());
    }

    /**
     * Updating or rotating a key (which mints a new secret) needs the caller to belong to its team
     * today, or to administer it: a member who left a team keeps only the right to see and
     * deactivate the keys they had there.
     */
    public void requireMembership(String teamId) {
        if (!caller.isTeamAdmin(teamId) && !caller.belongsTo(teamId)) {
            throw new Forbidden("you are no longer a member of team " + teamId
                    + ": its keys can only be deactivated, not changed or rotated");
        }
    }

    /** Whether the caller may create keys in the team at all (others' teams are unknown to them). */
    public boolean mayCreateIn(String teamId) {
        return caller.canReadTeam(teamId);
    }

    /** Whether the caller may create keys for other people: TEAM_ADMIN of some team, or ORG_ADMIN. */
    public boolean mayChooseOwner() {
        return caller.isOrgAdmin() || !caller.adminTeamIds().isEmpty();
    }

    /**
     * Checks the owner of a new key in a team: a MEMBER creates only their own keys; the owner must
     * be someone the caller sees, active, and a member of the team (an ORG_ADMIN belongs to all).
     */
    public void checkOwner(String teamId, String ownerId, Member owner) {
        if (!caller.isTeamAdmin(teamId) && !ownerId.equals(caller.memberId())) {
            throw new Forbidden("a MEMBER can only create keys they own");
        }
        boolean ownerVisible = owner != null && (caller.readsEverything() || ownerId.equals(caller.memberId())
                || owner.getMemberships().stream().anyMatch(m -> caller.isTeamAdmin(m.getTeam().getId())));
        if (!ownerVisible) {
            throw new InvalidInput("owner_id", "is not a known member");
        }
        if (!owner.isActive()) {
            throw new InvalidInput("owner_id", "is offboarded");
        }
        boolean inTeam = owner.getOrgRole() == OrgRole.ORG_ADMIN
                || owner.getMemberships().stream().anyMatch(m -> m.getTeam().getId().equals(teamId));
        if (!inTeam) {
            throw new InvalidInput("owner_id", "is not a member of team " + teamId);
        }
    }

    /** A TEAM_ADMIN may give a key more requests per minute than the team's default; a MEMBER may not. */
    public boolean mayExceedTeamRpm(String teamId) {
        return caller.isTeamAdmin(teamId);
    }
}
