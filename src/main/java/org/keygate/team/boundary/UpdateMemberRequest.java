package org.keygate.team.boundary;

import java.util.List;
import java.util.Optional;

/** {@code PATCH /api/v1/members/{id}}; {@code memberships}, when given, replaces the member's team roles. */
public record UpdateMemberRequest(Optional<String> displayName, Optional<String> email, Optional<String> orgRole,
        Optional<String> password, Optional<List<MembershipRequest>> memberships) {
}
