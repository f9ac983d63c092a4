package org.keygate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;
import org.keygate.access.entity.TeamRole;
import org.keygate.keys.entity.ApiKey;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.InvalidInput;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Membership;
import org.keygate.team.entity.Team;

/** Who sees and changes which key (docs/authentication.md). */
class KeyAccessTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Team A = new Team("team_a", "A", AT);
    private static final Team B = new Team("team_b", "B", AT);

    private static KeyAccess as(String memberId, OrgRole org, Map<String, TeamRole> teams) {
        Caller caller = new Caller();
        caller.authenticate(memberId, memberId, org, teams, "127.0.0.1");
        return new KeyAccess(caller);
    }

    private static ApiKey key(String team, String owner) {
        return new ApiKey("key_1", team, owner, "ci", "0".repeat(64), "ck-abcd", "wxyz", AT, "admin");
    }

    private static Member member(String id, Team... teams) {
        Member m = new Member(id, id, AT);
        for (Team t : teams) {
            m.getMemberships().add(new Membership("msh_" + id + t.getId(), m, t, TeamRole.MEMBER));
        }
        return m;
    }

    @Test
    void membersSeeTheirOwnTeamAdminsTheirTeamsReadersAll() {
        KeyAccess member = as("mem_1", null, Map.of("team_a", TeamRole.MEMBER));
        assertTrue(member.maySee(key("team_a", "mem_1")));
        assertFalse(member.maySee(key("team_a", "mem_2")));
        assertFalse(member.maySee(key("team_b", "mem_3")));
        KeyAccess admin = as("mem_9", null, Map.of("team_a", TeamRole.TEAM_ADMIN));
        assertTrue(admin.maySee(key("team_a", "mem_2")));
        assertFalse(admin.maySee(key("team_b", "mem_3")));
        assertTrue(as("aud", OrgRole.AUDITOR, Map.of()).maySee(key("team_b", "mem_3")));
        assertTrue(as("org", OrgRole.ORG_ADMIN, Map.of()).maySee(key("team_b", "mem_3")));
    }

    @Test
    void readersChangeNothing() {
        assertThrows(Forbidden.class, () -> as("aud", OrgRole.AUDITOR, Map.of()).requireChange());
        assertThrows(Forbidden.class, () -> as("svc", OrgRole.SERVICE, Map.of()).requireChange());
        as("mem_1", null, Map.of("team_a", TeamRole.MEMBER)).requireChange();
    }

    @Test
    void listsAreNarrowedInTheQuery() {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        as("mem_1", null, Map.of("team_a", TeamRole.MEMBER)).restrict(where, params);
        assertEquals(List.of("k.ownerId = :self"), where);
        assertEquals(Map.of("self", "mem_1"), params);

        where.clear();
        params.clear();
        as("mem_9", null, Map.of("team_a", TeamRole.TEAM_ADMIN)).restrict(where, params);
        assertEquals(List.of("(k.ownerId = :self OR k.teamId IN :adminTeams)"), where);
        assertEquals(java.util.Set.of("team_a"), params.get("adminTeams"));

        where.clear();
        params.clear();
        as("aud", OrgRole.AUDITOR, Map.of()).restrict(where, params);
        assertTrue(where.isEmpty() && params.isEmpty());
    }

    @Test
    void aMemberCreatesOnlyTheirOwnKeysForSomeoneInTheTeam() {
        KeyAccess member = as("mem_1", null, Map.of("team_a", TeamRole.MEMBER));
        assertTrue(member.mayCreateIn("team_a"));
        assertFalse(member.mayCreateIn("team_b"));
        assertFalse(member.mayChooseOwner());
        member.checkOwner("team_a", "mem_1", member("mem_1", A));
        assertThrows(Forbidden.class, () -> member.checkOwner("team_a", "mem_2", member("mem_2", A)));

        KeyAccess admin = as("mem_9", null, Map.of("team_a", TeamRole.TEAM_ADMIN));
        assertTrue(admin.mayChooseOwner());
        assertTrue(admin.mayExceedTeamRpm("team_a"));
        assertFalse(member.mayExceedTeamRpm("team_a"));
        admin.checkOwner("team_a", "mem_2", member("mem_2", A));
        assertOwner("is not a known member", () -> admin.checkOwner("team_a", "mem_3", member("mem_3", B)));
        assertOwner("is not a known member", () -> admin.checkOwner("team_a", "mem_nope", null));
        Member gone = member("mem_4", A);
        gone.offboard(AT);
        assertOwner("is offboarded", () -> admin.checkOwner("team_a", "mem_4", gone));
        KeyAccess org = as("org", OrgRole.ORG_ADMIN, Map.of());
        assertOwner("is not a member of team team_a", () -> org.checkOwner("team_a", "mem_3", member("mem_3", B)));
        Member orgAdmin = member("mem_5");
        orgAdmin.setOrgRole(OrgRole.ORG_ADMIN);
        org.checkOwner("team_a", "mem_5", orgAdmin);
    }

    private static void assertOwner(String message, org.junit.jupiter.api.function.Executable check) {
        InvalidInput e = assertThrows(InvalidInput.class, check);
        assertEquals("owner_id", e.field());
        assertEquals(message, e.getMessage());
    }
}
