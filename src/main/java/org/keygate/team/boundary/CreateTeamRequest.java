package org.keygate.team.boundary;

/** {@code POST /api/v1/teams}; {@code billing} is {@code prepaid} (default) or {@code postpaid}. */
public record CreateTeamRequest(String name, Integer defaultRpmLimit, String timeZone, WorkingHours workingHours,
        String billing) {
}
