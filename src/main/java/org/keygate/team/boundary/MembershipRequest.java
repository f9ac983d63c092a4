package org.keygate.team.boundary;

/** One team role of a member: {@code TEAM_ADMIN} or {@code MEMBER}. */
public record MembershipRequest(String teamId, String role) {
}
