package org.keygate.team.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;

/** The role rules of teams and members (docs/authentication.md), as the services enforce and the pages offer them. */
class TeamAndMemberPolicyTest {

    private static Caller caller(String id, OrgRole org, Map<String, TeamRole> teams) {
        Caller caller = new Caller();
        caller.authenticate(id, id, org, teams, "127.0.0.1");
        return caller;
    }

    private static final Caller ORG = caller("org", OrgRole.ORG_ADMIN, Map.of());
    private static final Caller AUDITOR = caller("aud", OrgRole.AUDITOR, Map.of("team_a", TeamRole.TEAM_ADMIN));
    private static final Caller SERVICE = caller("svc", OrgRole.SERVICE, Map.of());
    private static final Caller ADMIN_A = caller("ta", null, Map.of("team_a", TeamRole.TEAM_ADMIN, "team_b", TeamRole.MEMBER));
    private static final Caller MEMBER_A = caller("ma", null, Map.of("team_a", TeamRole.MEMBER));

    @Test
    void teams() {
        assertTrue(new TeamPolicy(ORG).mayCreate());
        assertFalse(new TeamPolicy(ADMIN_A).mayCreate());
        assertTrue(new TeamPolicy(ADMIN_A).mayChange("team_a"));
        assertFalse(new TeamPolicy(ADMIN_A).mayChange("team_b"));
        assertFalse(new TeamPolicy(MEMBER_A).mayChange("team_a"));
        assertFalse(new TeamPolicy(AUDITOR).mayChange("team_a"), "an AUDITOR changes nothing, even as team admin");
        assertTrue(new TeamPolicy(ORG).mayChange("team_z"));
        assertTrue(new TeamPolicy(ORG).mayBook());
        assertFalse(new TeamPolicy(ADMIN_A).mayBook());
        assertTrue(new TeamPolicy(ADMIN_A).mayReadLedger("team_a"));
        assertFalse(new TeamPolicy(ADMIN_A).mayReadLedger("team_b"));
        assertFalse(new TeamPolicy(MEMBER_A).mayReadLedger("team_a"));
        assertTrue(new TeamPolicy(AUDITOR).mayReadLedger("team_z"));
    }

    @Test
    void managingPeople() {
        assertTrue(new MemberPolicy(ORG).mayCreate());
        assertTrue(new MemberPolicy(ADMIN_A).mayCreate());
        assertFalse(new MemberPolicy(MEMBER_A).mayCreate());
        assertFalse(new MemberPolicy(AUDITOR).mayCreate());
        assertFalse(new MemberPolicy(SERVICE).mayCreate());
        assertTrue(new MemberPolicy(ADMIN_A).mayEditRoles(true));
        assertFalse(new MemberPolicy(ADMIN_A).mayEditRoles(false), "not for an offboarded member");
        assertTrue(new MemberPolicy(ADMIN_A).mayManageTeam("team_a"));
        assertFalse(new MemberPolicy(ADMIN_A).mayManageTeam("team_b"));
        assertTrue(new MemberPolicy(ORG).mayChangeOrgRoles());
        assertFalse(new MemberPolicy(ADMIN_A).mayChangeOrgRoles());
    }

    @Test
    void offboarding() {
        MemberPolicy admin = new MemberPolicy(ADMIN_A);
        assertTrue(admin.mayOffboard("mem_1", null, List.of("team_a"), true));
        assertFalse(admin.mayOffboard("mem_1", null, List.of("team_a", "team_b"), true), "not every team is theirs");
        assertFalse(admin.mayOffboard("mem_1", null, List.of(), true), "someone in no team is the ORG_ADMIN's");
        assertFalse(admin.mayOffboard("mem_1", OrgRole.AUDITOR, List.of("team_a"), true), "an org role is the ORG_ADMIN's");
        assertFalse(admin.mayOffboard("mem_1", null, List.of("team_a"), false), "already offboarded");
        assertFalse(admin.mayOffboard("ta", null, List.of("team_a"), true), "not themselves");
        assertTrue(new MemberPolicy(ORG).mayOffboard("mem_1", OrgRole.AUDITOR, List.of(), true));
        assertFalse(new MemberPolicy(ORG).mayOffboard("org", null, List.of(), true));
        assertFalse(new MemberPolicy(AUDITOR).mayOffboard("mem_1", null, List.of("team_a"), true));
        assertFalse(new MemberPolicy(MEMBER_A).mayOffboard("mem_1", null, List.of("team_a"), true));
    }
}
