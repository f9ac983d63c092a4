package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The role rules of docs/authentication.md for every management endpoint: ORG_ADMIN everything, TEAM_ADMIN their
 * teams, MEMBER their own keys, AUDITOR read-only; someone else's object by id answers 404.
 */
@SharedServer
class RoleMatrixIT {

    @SharedServer.Url
    URL url;

    /** Two teams and one person of each role; built afresh for every test. */
    Api admin;
    Api auditor;
    Api teamAdminA;
    Api memberA1;
    Api memberB;
    String teamA;
    String teamB;
    String teamAdminAId;
    String memberA1Id;
    String memberA2Id;
    String memberBId;

    @BeforeEach
    void world() {
        Api anonymous = Api.at(url);
        Fixture fx = new Fixture(anonymous);
        admin = anonymous.asAdmin();
        teamA = fx.team();
        teamB = fx.team();
        JsonObject audit = fx.orgUser("AUDITOR");
        JsonObject ta = fx.member(teamA, "TEAM_ADMIN");
        JsonObject a1 = fx.member(teamA, "MEMBER");
        JsonObject a2 = fx.member(teamA, "MEMBER");
        JsonObject b = fx.member(teamB, "MEMBER");
        auditor = fx.as(anonymous, audit);
        teamAdminA = fx.as(anonymous, ta);
        memberA1 = fx.as(anonymous, a1);
        memberB = fx.as(anonymous, b);
        teamAdminAId = ta.getString("id");
        memberA1Id = a1.getString("id");
        memberA2Id = a2.getString("id");
        memberBId = b.getString("id");
    }

    @Test
    void meTellsTheStoredOrgRoleInLocalMode() {
        Api.Resp me = auditor.get("api/v1/me");
        expect(200, me);
        assertEquals("AUDITOR", me.str("org_role"));
        assertEquals("keygate", me.str("org_role_source"), "local mode has no groups: the role is Keygate's");
        Api.Resp member = memberA1.get("api/v1/me");
        expect(200, member);
        assertTrue(member.json().isNull("org_role"), member::toString);
        assertEquals("keygate", member.str("org_role_source"));
        assertEquals("ORG_ADMIN", admin.get("api/v1/me").str("org_role"));
    }

    @Test
    void readingKeys() {
        String kA1 = key(teamA, memberA1Id);
        String kA2 = key(teamA, memberA2Id);
        String kB = key(teamB, memberBId);
        for (String k : List.of(kA1, kA2, kB)) {
            expect(200, admin.get("api/v1/keys/" + k));
            expect(200, auditor.get("api/v1/keys/" + k));
        }
        expect(200, teamAdminA.get("api/v1/keys/" + kA1));
        expect(200, teamAdminA.get("api/v1/keys/" + kA2));
        expect(404, teamAdminA.get("api/v1/keys/" + kB));
        expect(200, memberA1.get("api/v1/keys/" + kA1));
        expect(404, memberA1.get("api/v1/keys/" + kA2));
        expect(404, memberA1.get("api/v1/keys/" + kB));
        expect(404, memberB.get("api/v1/keys/" + kA1));

        assertEquals(Set.of(kA1), ids(memberA1.get("api/v1/keys?size=200")));
        assertEquals(Set.of(), ids(memberA1.get("api/v1/keys?owner_id=" + memberA2Id + "&size=200")),
                "a member cannot list another member's keys by filtering");
        assertEquals(Set.of(kA1, kA2), ids(teamAdminA.get("api/v1/keys?size=200")));
        assertTrue(ids(auditor.get("api/v1/keys?size=200")).containsAll(Set.of(kA1, kA2, kB)));
    }

    @Test
    void changingKeys() {
        String kA1 = key(teamA, memberA1Id);
        String kA2 = key(teamA, memberA2Id);
        String kB = key(teamB, memberBId);
        String patch = "{\"name\":\"renamed\"}";

        expect(403, auditor.patch("api/v1/keys/" + kA1, patch));
        expect(403, auditor.post("api/v1/keys/" + kA1 + "/deactivate", "{\"reason\":\"x\"}"));
        expect(403, auditor.post("api/v1/keys/" + kA1 + "/rotate", null));
        expect(403, auditor.delete("api/v1/keys/" + kA1));

        for (String other : List.of(kA2, kB)) {
            expect(404, memberA1.patch("api/v1/keys/" + other, patch));
            expect(404, memberA1.post("api/v1/keys/" + other + "/deactivate", "{\"reason\":\"x\"}"));
            expect(404, memberA1.post("api/v1/keys/" + other + "/rotate", null));
            expect(404, memberA1.post("api/v1/keys/" + other + "/finish-rotation", null));
            expect(404, memberA1.delete("api/v1/keys/" + other));
        }
        expect(404, teamAdminA.patch("api/v1/keys/" + kB, patch));
        expect(404, teamAdminA.post("api/v1/keys/" + kB + "/deactivate", "{\"reason\":\"x\"}"));
        assertEquals("active", admin.get("api/v1/keys/" + kB).str("status"), "nothing changed");
        assertEquals("active", admin.get("api/v1/keys/" + kA2).str("status"), "nothing changed");

        expect(200, memberA1.patch("api/v1/keys/" + kA1, patch));
        String successor = expect(201, memberA1.post("api/v1/keys/" + kA1 + "/rotate", "{\"old_key_expires_in\":60}")).str("id");
        expect(200, memberA1.post("api/v1/keys/" + successor + "/finish-rotation", null));
        expect(204, memberA1.delete("api/v1/keys/" + kA1));
        expect(200, teamAdminA.patch("api/v1/keys/" + kA2, patch));
        expect(200, teamAdminA.post("api/v1/keys/" + kA2 + "/deactivate", "{\"reason\":\"team admin\"}"));
        expect(204, teamAdminA.delete("api/v1/keys/" + kA2));
        expect(200, admin.post("api/v1/keys/" + kB + "/deactivate", "{\"reason\":\"org admin\"}"));
    }

    @Test
    void creatingKeys() {
        expect(201, memberA1.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"name\":\"own\"}"));
        expect(403, memberA1.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"owner_id\":\"" + memberA2Id + "\",\"name\":\"x\"}"));
        assertEquals("team_id", expect(400, memberA1.post("api/v1/keys", "{\"team_id\":\"" + teamB + "\",\"name\":\"x\"}")).problemField());
        expect(403, auditor.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"name\":\"x\"}"));
        expect(201, teamAdminA.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"owner_id\":\"" + memberA1Id + "\",\"name\":\"for a1\"}"));
        assertEquals("owner_id", expect(400, teamAdminA.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"owner_id\":\""
                + memberBId + "\",\"name\":\"x\"}")).problemField());
        expect(400, teamAdminA.post("api/v1/keys", "{\"team_id\":\"" + teamB + "\",\"name\":\"x\"}"));

        expect(200, admin.patch("api/v1/teams/" + teamA, "{\"default_rpm_limit\":50}"));
        assertEquals("rpm_limit", expect(400, memberA1.post("api/v1/keys", "{\"team_id\":\"" + teamA
                + "\",\"name\":\"greedy\",\"rpm_limit\":51}")).problemField(), "a MEMBER stays within the team's policy");
        expect(201, memberA1.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"name\":\"modest\",\"rpm_limit\":50}"));
        expect(201, teamAdminA.post("api/v1/keys", "{\"team_id\":\"" + teamA + "\",\"name\":\"admin may\",\"rpm_limit\":500}"));
    }

    @Test
    void teamsAndLedger() {
        String create = "{\"name\":\"" + Api.unique("t") + "\"}";
        expect(201, admin.post("api/v1/teams", create));
        expect(403, teamAdminA.post("api/v1/teams", "{\"name\":\"x\"}"));
        expect(403, memberA1.post("api/v1/teams", "{\"name\":\"x\"}"));
        expect(403, auditor.post("api/v1/teams", "{\"name\":\"x\"}"));

        expect(200, memberA1.get("api/v1/teams/" + teamA));
        expect(404, memberB.get("api/v1/teams/" + teamA));
        expect(200, auditor.get("api/v1/teams/" + teamA));
        assertEquals(Set.of(teamA), ids(memberA1.get("api/v1/teams?size=200")));

        expect(200, teamAdminA.patch("api/v1/teams/" + teamA, "{\"time_zone\":\"Europe/Paris\"}"));
        expect(403, memberA1.patch("api/v1/teams/" + teamA, "{\"time_zone\":\"UTC\"}"));
        expect(404, memberB.patch("api/v1/teams/" + teamA, "{\"time_zone\":\"UTC\"}"));
        expect(403, auditor.patch("api/v1/teams/" + teamA, "{\"time_zone\":\"UTC\"}"));
        expect(404, teamAdminA.patch("api/v1/teams/" + teamB, "{\"time_zone\":\"UTC\"}"));

        String entry = "{\"amount\":5,\"note\":\"x\"}";
        expect(201, admin.post("api/v1/teams/" + teamA + "/ledger", entry));
        expect(403, teamAdminA.post("api/v1/teams/" + teamA + "/ledger", entry));
        expect(403, memberA1.post("api/v1/teams/" + teamA + "/ledger", entry));
        expect(403, auditor.post("api/v1/teams/" + teamA + "/ledger", entry));
        expect(404, memberB.post("api/v1/teams/" + teamA + "/ledger", entry));
        expect(200, teamAdminA.get("api/v1/teams/" + teamA + "/ledger"));
        expect(200, auditor.get("api/v1/teams/" + teamA + "/ledger"));
        expect(403, memberA1.get("api/v1/teams/" + teamA + "/ledger"));
        expect(404, memberB.get("api/v1/teams/" + teamA + "/ledger"));
        assertEquals(1, admin.get("api/v1/teams/" + teamA + "/ledger").json().getInt("total"), "only the admin's entry");
    }

    @Test
    void members() {
        String intoA = "{\"username\":\"" + Api.unique("n") + "\",\"memberships\":[{\"team_id\":\"" + teamA + "\",\"role\":\"MEMBER\"}]}";
        expect(201, teamAdminA.post("api/v1/members", intoA));
        assertEquals("memberships[0].team_id", expect(400, teamAdminA.post("api/v1/members", "{\"username\":\""
                + Api.unique("n") + "\",\"memberships\":[{\"team_id\":\"" + teamB + "\",\"role\":\"MEMBER\"}]}")).problemField(),
                "another team is not visible to a TEAM_ADMIN");
        expect(403, teamAdminA.post("api/v1/members", "{\"username\":\"" + Api.unique("n") + "\",\"org_role\":\"ORG_ADMIN\","
                + "\"memberships\":[{\"team_id\":\"" + teamA + "\",\"role\":\"MEMBER\"}]}"));
        expect(403, memberA1.post("api/v1/members", intoA.replace("\"n-", "\"m-")));
        expect(403, auditor.post("api/v1/members", intoA.replace("\"n-", "\"o-")));

        expect(404, memberA1.get("api/v1/members/" + memberA2Id));
        expect(200, memberA1.get("api/v1/members/" + memberA1Id));
        expect(200, teamAdminA.get("api/v1/members/" + memberA2Id));
        expect(404, teamAdminA.get("api/v1/members/" + memberBId));
        expect(200, auditor.get("api/v1/members/" + memberBId));
        assertEquals(Set.of(memberA1Id), ids(memberA1.get("api/v1/members?size=200")));

        String rename = "{\"display_name\":\"Renamed\"}";
        expect(404, memberA1.patch("api/v1/members/" + memberA2Id, rename));
        expect(200, memberA1.patch("api/v1/members/" + memberA1Id, rename));
        expect(200, teamAdminA.patch("api/v1/members/" + memberA2Id, rename));
        expect(403, auditor.patch("api/v1/members/" + memberA2Id, rename));
        expect(403, teamAdminA.patch("api/v1/members/" + memberA2Id, "{\"org_role\":\"ORG_ADMIN\"}"));
        expect(403, teamAdminA.patch("api/v1/members/" + memberA2Id, "{\"password\":\"another long password\"}"));
        expect(403, memberA1.patch("api/v1/members/" + memberA1Id, "{\"memberships\":[{\"team_id\":\"" + teamA
                + "\",\"role\":\"TEAM_ADMIN\"}]}"));

        expect(404, memberA1.post("api/v1/members/" + memberA2Id + "/offboard", null));
        expect(403, auditor.post("api/v1/members/" + memberA2Id + "/offboard", null));
        expect(404, teamAdminA.post("api/v1/members/" + memberBId + "/offboard", null));
        expect(200, teamAdminA.post("api/v1/members/" + memberA2Id + "/offboard", null));
    }

    @Test
    void auditLog() {
        expect(200, admin.get("api/v1/audit"));
        expect(200, auditor.get("api/v1/audit"));
        expect(200, auditor.get("api/v1/audit/verify"));
        expect(403, teamAdminA.get("api/v1/audit"));
        expect(403, memberA1.get("api/v1/audit"));
        expect(403, memberA1.get("api/v1/audit/verify"));
    }

    @Test
    void everyEndpointNeedsCredentials() {
        Api nobody = Api.at(url);
        for (Api.Resp r : List.of(nobody.get("api/v1/keys"), nobody.get("api/v1/teams"), nobody.get("api/v1/members"),
                nobody.get("api/v1/audit"), nobody.post("api/v1/keys", "{}"), nobody.get("api/v1/me"),
                Api.at(url).as("admin", "not-the-password").get("api/v1/me"), Api.at(url).as("ghost", "whatever-it-is").get("api/v1/me"))) {
            expect(401, r);
            assertTrue(r.header("WWW-Authenticate").startsWith("Basic"), r::toString);
        }
    }

    private String key(String team, String owner) {
        return expect(201, admin.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"owner_id\":\"" + owner
                + "\",\"name\":\"" + Api.unique("k") + "\"}")).str("id");
    }

    private static Api.Resp expect(int status, Api.Resp r) {
        assertEquals(status, r.status(), r::toString);
        if (status >= 400) {
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        }
        return r;
    }

    private static Set<String> ids(Api.Resp page) {
        return page.items().stream().map(v -> v.asJsonObject().getString("id")).collect(Collectors.toSet());
    }
}
