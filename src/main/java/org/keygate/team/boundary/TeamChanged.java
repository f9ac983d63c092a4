package org.keygate.team.boundary;

/**
 * Fired after a team's settings or ledger change (update, top-up, adjustment). The gateway
 * observes it after commit to refresh the team's limits and balance before the next call.
 */
public record TeamChanged(String teamId) {
}
