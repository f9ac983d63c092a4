package org.keygate.team.boundary;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One team role of a member: {@code TEAM_ADMIN} or {@code MEMBER}; the service checks the team. */
public record MembershipRequest(
        @NotNull(message = "is not a known team") String teamId,
        @NotNull(message = ROLE) @Pattern(regexp = "TEAM_ADMIN|MEMBER", message = ROLE) String role) {

    static final String ROLE = "must be TEAM_ADMIN or MEMBER";
}
