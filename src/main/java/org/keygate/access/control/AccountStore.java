package org.keygate.access.control;

import java.util.Optional;

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
}
