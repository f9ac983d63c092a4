package org.keygate.team.boundary;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.keygate.platform.control.Text;

/**
 * {@code PATCH /api/v1/members/{id}}: absent fields (null here) stay, {@code null} clears;
 * {@code memberships}, when given, replaces the member's team roles.
 */
public record UpdateMemberRequest(
        Optional<@Text(max = 200) String> displayName,
        Optional<@Text(max = 320, pattern = TeamLimits.EMAIL, mismatch = TeamLimits.EMAIL_MESSAGE) String> email,
        Optional<@Pattern(regexp = TeamLimits.ORG_ROLE, message = TeamLimits.ORG_ROLE_MESSAGE) String> orgRole,
        Optional<@Size(min = 12, max = 128, message = TeamLimits.PASSWORD_MESSAGE) String> password,
        Optional<List<@NotNull(message = "must not be null") @Valid MembershipRequest>> memberships) {
}
