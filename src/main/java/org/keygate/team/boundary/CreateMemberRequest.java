package org.keygate.team.boundary;

import java.util.List;

/**
 * {@code POST /api/v1/members}. {@code org_role} ({@code ORG_ADMIN} or {@code AUDITOR}) spans all
 * teams; {@code password} makes the member a {@code local} user who can log in.
 */
public record CreateMemberRequest(String username, String displayName, String email, String orgRole, String password,
        List<MembershipRequest> memberships) {
}
