package org.keygate.team.boundary;

import java.time.Instant;
import java.util.List;

import org.keygate.access.boundary.Caller;

/**
 * {@code GET /api/v1/me}: the caller as a {@link MemberView} shows them, except that {@code org_role}
 * is the role in force for this request — with SSO the groups' role, which is never stored, so the
 * member record alone would not tell it — and {@code org_role_source} says where it comes from.
 * A service client of the IdP is no member: it is shown by its name, with no teams and no dates.
 */
public record MeView(String id, String username, String displayName, String email, String orgRole,
        String orgRoleSource, String status, boolean localLogin, List<MemberView.MembershipView> memberships,
        Instant createdAt, Instant offboardedAt) {

    static MeView of(MemberView member, Caller caller) {
        return new MeView(member.id(), member.username(), member.displayName(), member.email(), role(caller),
                caller.orgRoleSource().json(), member.status(), member.localLogin(), member.memberships(),
                member.createdAt(), member.offboardedAt());
    }

    static MeView service(Caller caller) {
        return new MeView(caller.memberId(), caller.username(), null, null, role(caller), caller.orgRoleSource().json(),
                "active", false, List.of(), null, null);
    }

    private static String role(Caller caller) {
        return caller.orgRole() == null ? null : caller.orgRole().name();
    }
}
