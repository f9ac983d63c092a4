package org.keygate.team.boundary;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.keygate.team.entity.Member;

/** A member as the API shows it; never the password hash. */
public record MemberView(String id, String username, String displayName, String email, String orgRole, String status,
        boolean localLogin, List<MembershipView> memberships, Instant createdAt, Instant offboardedAt) {

    /** {@code source}: {@code keygate} (set here) or {@code idp} (from the identity provider's groups, not editable here). */
    public record MembershipView(String teamId, String teamName, String role, String source) {
        public static final String KEYGATE = "keygate";
        public static final String IDP = "idp";
    }

    public static MemberView from(Member m) {
        List<MembershipView> memberships = m.getMemberships().stream()
                .map(s -> new MembershipView(s.getTeam().getId(), s.getTeam().getName(), s.getRole().name(),
                        s.isFromIdp() ? MembershipView.IDP : MembershipView.KEYGATE))
                .sorted(Comparator.comparing(MembershipView::teamId)).toList();
        return new MemberView(m.getId(), m.getUsername(), m.getDisplayName(), m.getEmail(),
                m.getOrgRole() == null ? null : m.getOrgRole().name(), m.getStatus().name().toLowerCase(),
                m.getPasswordHash() != null, memberships, m.getCreatedAt(), m.getOffboardedAt());
    }
}
