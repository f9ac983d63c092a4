package org.keygate.access.control;

import java.util.Map;

import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;

/**
 * A person as authentication needs them: the stored password hash ({@code local} users only, else
 * null), whether they are still active, and their stored org role and role in each team.
 */
public record Account(String memberId, String username, String passwordHash, boolean active, OrgRole orgRole,
        Map<String, TeamRole> teamRoles) {
}
