package org.keygate.access.control;

import java.util.Map;
import java.util.Optional;

import org.keygate.access.entity.TeamRole;

/**
 * Where authentication finds the people it lets in. The members live in the team feature, which
 * depends on access (every service asks the {@code Caller}); this seam keeps that arrow one-way:
 * team implements it, access only calls it.
 */
public interface AccountStore {

    Optional<Account> byId(String memberId);

    Optional<Account> byUsername(String username);

    /**
     * Creates the member of an SSO user seen for the first time, in a transaction of its own (a
     * concurrent first request that loses the unique-name race throws here and reads the winner's).
     */
    void provision(String username, String displayName, String email, String sourceIp);

    /**
     * Makes the member's memberships managed by the identity provider those its groups grant
     * ({@link TeamGroups}: team id or name → role), in a transaction of its own; writes only when
     * they differ, and then answers true.
     */
    boolean syncTeams(String memberId, Map<String, TeamRole> byTeam, String sourceIp);
}
