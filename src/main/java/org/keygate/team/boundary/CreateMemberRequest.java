package org.keygate.team.boundary;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.keygate.platform.control.Text;

/**
 * {@code POST /api/v1/members}. {@code org_role} ({@code ORG_ADMIN}, {@code AUDITOR} or {@code SERVICE}) spans all
 * teams; {@code password} makes the member a {@code local} user who can log in.
 */
public record CreateMemberRequest(
        @Text(max = 200, required = true, pattern = TeamLimits.USERNAME, mismatch = TeamLimits.USERNAME_MESSAGE)
        String username,
        @Text(max = 200) String displayName,
        @Text(max = 320, pattern = TeamLimits.EMAIL, mismatch = TeamLimits.EMAIL_MESSAGE) String email,
        @Pattern(regexp = TeamLimits.ORG_ROLE, message = TeamLimits.ORG_ROLE_MESSAGE) String orgRole,
        @Size(min = 12, max = 128, message = TeamLimits.PASSWORD_MESSAGE) String password,
        List<@NotNull(message = "must not be null") @Valid MembershipRequest> memberships) {
}
