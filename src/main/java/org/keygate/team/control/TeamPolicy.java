package org.keygate.team.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.access.boundary.Caller;

/**
 * Who may do what with teams (docs/authentication.md): ORG_ADMIN creates teams and books ledger entries, a
 * TEAM_ADMIN changes their team's settings and reads its ledger, AUDITOR reads every ledger and
 * changes nothing. The team service enforces it; the pages ask it what to offer.
 */
@ApplicationScoped
public class TeamPolicy {

    @Inject
    Caller caller;

    public TeamPolicy() {
    }

    TeamPolicy(Caller caller) {
        this.caller = caller;
    }

    public boolean mayCreate() {
        return caller.isOrgAdmin();
    }

    /** TEAM_ADMIN of the team or ORG_ADMIN, whatever else their role (the service refuses readers first). */
    public boolean administers(String teamId) {
        return caller.isTeamAdmin(teamId);
    }

    /** Whether the caller may change the team's settings. */
    public boolean mayChange(String teamId) {
        return caller.isWriter() && administers(teamId);
    }

    /** Top-ups and adjustments of a team's balance. */
    public boolean mayBook() {
        return caller.isOrgAdmin();
    }

    public boolean mayReadLedger(String teamId) {
        return caller.readsEverything() || caller.isTeamAdmin(teamId);
    }
}
