package org.keygate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keygate.access.entity.TeamRole;

class TeamGroupsTest {

    @Test
    void offWhenNeitherIsSet() {
        TeamGroups groups = TeamGroups.of(" ", null);
        assertFalse(groups.enabled());
        assertEquals(Map.of(), groups.rolesFor(Set.of("keygate-team-payments-admin")));
    }

    @Test
    void patternNamesTeamAndRole() {
        TeamGroups groups = TeamGroups.of("keygate-team-{team}-{role}", "");
        assertTrue(groups.enabled());
        assertEquals(Map.of("payments", TeamRole.TEAM_ADMIN, "search-infra", TeamRole.MEMBER, "ml", TeamRole.TEAM_ADMIN),
                groups.rolesFor(Set.of("keygate-team-payments-admin", "keygate-team-search-infra-member",
                        "keygate-team-ml-TEAM_ADMIN", "keygate-admins", "other-team-x-admin", "keygate-team-x-owner")));
    }

    @Test
    void patternCharactersAreLiteral() {
        TeamGroups groups = TeamGroups.of("/acme.{role}/{team}", null);
        assertEquals(Map.of("a.b", TeamRole.MEMBER), groups.rolesFor(Set.of("/acme.member/a.b", "/acmeXmember/c")));
    }

    @Test
    void higherRoleWinsWhenSeveralGroupsNameATeam() {
        TeamGroups groups = TeamGroups.of("t-{team}-{role}", "leads=payments:TEAM_ADMIN");
        assertEquals(Map.of("payments", TeamRole.TEAM_ADMIN), groups.rolesFor(Set.of("t-payments-member", "leads")));
        assertEquals(Map.of("payments", TeamRole.TEAM_ADMIN), groups.rolesFor(Set.of("leads", "t-payments-member")));
    }

    @Test
    void tableIsReadBeforeThePattern() {
        TeamGroups groups = TeamGroups.of("{team}-{role}", "ops-admin=Platform Ops:member, devs = team_01ab:TEAM_ADMIN");
        assertEquals(Map.of("Platform Ops", TeamRole.MEMBER, "team_01ab", TeamRole.TEAM_ADMIN),
                groups.rolesFor(Set.of("ops-admin", "devs")));
    }

    @Test
    void badSettingsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeamGroups.of("keygate-{team}", null))
                .getMessage().contains("{role}"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeamGroups.of("{team}{team}-{role}", null))
                .getMessage().contains("once each"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeamGroups.of(null, "devs=payments"))
                .getMessage().contains("group=team:ROLE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeamGroups.of(null, "devs=payments:OWNER"))
                .getMessage().contains("OWNER"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TeamGroups.of(null, "a=x:MEMBER,a=y:MEMBER"))
                .getMessage().contains("twice"));
    }
}
