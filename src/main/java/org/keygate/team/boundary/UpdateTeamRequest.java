package org.keygate.team.boundary;

import java.util.Optional;

/** {@code PATCH /api/v1/teams/{id}}: absent fields stay, {@code null} clears where clearing makes sense. */
public record UpdateTeamRequest(Optional<String> name, Optional<Integer> defaultRpmLimit, Optional<String> timeZone,
        Optional<WorkingHours> workingHours, Optional<String> billing) {
}
