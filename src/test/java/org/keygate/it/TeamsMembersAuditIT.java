package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Teams and their ledger, members and offboarding, and the audit log (docs/api.md) over real HTTP. */
@SharedServer
class TeamsMembersAuditIT {

    @SharedServer.Url
    URL url;

    Api api;
    Fixture fx;

    @BeforeEach
    void setUp() {
        api = Api.at(url).asAdmin();
        fx = new Fixture(Api.at(url));
    }

    @Test
    void quickStartSeedsDefaultTeamWithDemoCredit() {
        JsonObject team = api.get("api/v1/teams?size=200").items().stream().map(JsonValue::asJsonObject)
                .filter(t -> t.getString("name").equals("Default")).findFirst().orElseThrow();
        Api.Resp ledger = api.get("api/v1/teams/" + team.getString("id") + "/ledger");
        JsonObject credit = ledger.items().stream().map(JsonValue::asJsonObject)
                .filter(e -> e.getString("kind").equals("demo_credit")).findFirst().orElseThrow();
        assertEquals(0, credit.getJsonNumber("amount").bigDecimalValue().compareTo(BigDecimal.TEN));
        assertTrue(credit.getString("note").toLowerCase().contains("demo"));
    }

    @Test
    void teamCreateUpdateAndBalanceIsTheSumOfTheLedger() {
        String name = Api.unique("finance");
        Api.Resp created = api.post("api/v1/teams", "{\"name\":\"" + name + "\",\"default_rpm_limit\":30,"
                + "\"time_zone\":\"Europe/Berlin\",\"working_hours\":{\"days\":[\"MON\",\"TUE\"],\"start\":\"08:00\",\"end\":\"17:30\"}}");
        assertEquals(201, created.status(), created::toString);
        String id = created.str("id");
        assertEquals("prepaid", created.str("billing"));
        assertEquals(0, created.json().getJsonNumber("balance").bigDecimalValue().signum());
        assertEquals("Europe/Berlin", created.str("time_zone"));
        assertEquals("08:00", created.json().getJsonObject("working_hours").getString("start"));

        assertEquals(201, api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":25.50,\"note\":\"PO 4711\"}").status());
        assertEquals(201, api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":0.000001,\"note\":\"rounding\"}").status());
        Api.Resp adj = api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":-5.25,\"note\":\"refund correction\"}");
        assertEquals(201, adj.status(), adj::toString);
        assertEquals("adjustment", adj.str("kind"));
        assertEquals(0, api.get("api/v1/teams/" + id).json().getJsonNumber("balance").bigDecimalValue()
                .compareTo(new BigDecimal("20.250001")));
        assertEquals(3, api.get("api/v1/teams/" + id + "/ledger").json().getInt("total"));

        Api.Resp updated = api.patch("api/v1/teams/" + id, "{\"default_rpm_limit\":null,\"billing\":\"postpaid\",\"time_zone\":\"Asia/Tokyo\"}");
        assertEquals(200, updated.status(), updated::toString);
        assertTrue(updated.json().isNull("default_rpm_limit"));
        assertEquals("postpaid", updated.str("billing"));
        assertEquals("Asia/Tokyo", updated.str("time_zone"));
        assertEquals(name, updated.str("name"));
    }

    @Test
    void teamAndLedgerBadInput() {
        String id = fx.team();
        assertField(api.post("api/v1/teams", "{\"name\":\"\"}"), 400, "name");
        assertField(api.post("api/v1/teams", "{\"name\":\"x\",\"time_zone\":\"Mars/Olympus\"}"), 400, "time_zone");
        assertField(api.post("api/v1/teams", "{\"name\":\"x\",\"default_rpm_limit\":0}"), 400, "default_rpm_limit");
        assertField(api.post("api/v1/teams", "{\"name\":\"x\",\"billing\":\"free\"}"), 400, "billing");
        assertField(api.post("api/v1/teams", "{\"name\":\"x\",\"working_hours\":{\"days\":[\"MON\"],\"start\":\"18:00\",\"end\":\"09:00\"}}"), 400, "working_hours.end");
        assertField(api.post("api/v1/teams", "{\"name\":\"x\",\"working_hours\":{\"days\":[\"FUNDAY\"],\"start\":\"08:00\",\"end\":\"09:00\"}}"), 400, "working_hours.days[0]");
        String existing = api.get("api/v1/teams/" + id).str("name");
        assertField(api.post("api/v1/teams", "{\"name\":\"" + existing + "\"}"), 409, "name");

        assertField(api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":0,\"note\":\"zero\"}"), 400, "amount");
        assertField(api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":\"10\",\"note\":\"string\"}"), 400, "amount");
        assertField(api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":1.0000001,\"note\":\"sub-micro\"}"), 400, "amount");
        assertField(api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":10}"), 400, "note");
        assertField(api.post("api/v1/teams/" + id + "/ledger", "{\"amount\":-1,\"note\":\"x\",\"kind\":\"top_up\"}"), 400, "amount");
        assertEquals(0, api.get("api/v1/teams/" + id + "/ledger").json().getInt("total"), "nothing was written");
        assertEquals(404, api.get("api/v1/teams/team_nope").status());
        assertEquals(404, api.post("api/v1/teams/team_nope/ledger", "{\"amount\":1,\"note\":\"x\"}").status());
    }

    @Test
    void repeatedFailedLoginsOfOneUserAreSlowedDownWithoutLockingOthersOut() {
        String username = Api.unique("guess");
        assertEquals(201, api.post("api/v1/members", "{\"username\":\"" + username + "\",\"password\":\""
                + Fixture.PASSWORD + "\"}").status());
        Api guesser = api.as(username, "wrong password!!");
        for (int i = 0; i < 5; i++) {
            Api.Resp wrong = guesser.get("api/v1/me");
            assertEquals(401, wrong.status());
            assertFalse(wrong.body().contains("Too many"), "the first five failures are free");
        }
        Api.Resp refused = api.as(username, Fixture.PASSWORD).get("api/v1/me");
        assertEquals(401, refused.status(), "during the wait even the right password is not checked");
        assertTrue(refused.body().contains("Too many failed logins for this user from your address"), refused::toString);
        assertEquals(200, api.get("api/v1/me").status(), "another user from the same address is not slowed down");

        // refused attempts during the wait do not count, so polling does not extend it
        Eventually.await("the right password to get in after the 1 s wait").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.as(username, Fixture.PASSWORD).get("api/v1/me").status() == 200);
        assertEquals(401, guesser.get("api/v1/me").status());
        assertFalse(guesser.get("api/v1/me").body().contains("Too many"), "the success cleared the count");
    }

    @Test
    void membersAreCreatedUpdatedAndListed() {
        String team = fx.team();
        String other = fx.team();
        String username = Api.unique("ada");
        Api.Resp created = api.post("api/v1/members", "{\"username\":\"" + username + "\",\"display_name\":\"Ada\","
                + "\"email\":\"ada@example.org\",\"password\":\"" + Fixture.PASSWORD + "\","
                + "\"memberships\":[{\"team_id\":\"" + team + "\",\"role\":\"MEMBER\"}]}");
        assertEquals(201, created.status(), created::toString);
        assertFalse(created.body().contains("password"), "no password or hash in views");
        assertTrue(created.json().getBoolean("local_login"));
        String id = created.str("id");

        Api.Resp me = api.as(username, Fixture.PASSWORD).get("api/v1/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals(id, me.str("id"));
        assertEquals(401, api.as(username, "wrong password!!").get("api/v1/me").status());

        Api.Resp roles = api.patch("api/v1/members/" + id, "{\"memberships\":[{\"team_id\":\"" + team
                + "\",\"role\":\"TEAM_ADMIN\"},{\"team_id\":\"" + other + "\",\"role\":\"MEMBER\"}]}");
        assertEquals(200, roles.status(), roles::toString);
        assertEquals(2, roles.json().getJsonArray("memberships").size());
        assertEquals(List.of(id), api.get("api/v1/members?team_id=" + other).items().stream()
                .map(v -> v.asJsonObject().getString("id")).toList());

        assertField(api.post("api/v1/members", "{\"username\":\"" + username + "\"}"), 409, "username");
        assertField(api.post("api/v1/members", "{\"username\":\"bad name\"}"), 400, "username");
        assertField(api.post("api/v1/members", "{\"username\":\"x1\",\"password\":\"short\"}"), 400, "password");
        assertField(api.post("api/v1/members", "{\"username\":\"x2\",\"email\":\"nope\"}"), 400, "email");
        assertField(api.post("api/v1/members", "{\"username\":\"x3\",\"org_role\":\"GOD\"}"), 400, "org_role");
        assertField(api.post("api/v1/members", "{\"username\":\"x4\",\"memberships\":[{\"team_id\":\"" + team
                + "\",\"role\":\"OWNER\"}]}"), 400, "memberships[0].role");
        assertField(api.post("api/v1/members", "{\"username\":\"x5\",\"memberships\":[{\"team_id\":\"team_nope\","
                + "\"role\":\"MEMBER\"}]}"), 400, "memberships[0].team_id");
        assertEquals(0, api.get("api/v1/members?size=200").items().stream()
                .filter(v -> v.asJsonObject().getString("username").matches("x[1-5]")).count(), "nothing was written");
    }

    @Test
    void offboardingDeactivatesEveryKeyOfTheMemberAndLocksThemOut() {
        String team = fx.team();
        JsonObject member = fx.member(team, "MEMBER");
        String memberId = member.getString("id");
        Api self = fx.as(Api.at(url), member);
        String k1 = fx.key(team, memberId).getString("id");
        String k2 = fx.key(team, memberId).getString("id");
        Api.Resp own = self.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"self-made\"}");
        assertEquals(201, own.status(), own::toString);
        String k3 = own.str("id");
        String bystander = fx.key(team, fx.member(team, "MEMBER").getString("id")).getString("id");

        Api.Resp off = api.post("api/v1/members/" + memberId + "/offboard", "{\"reason\":\"left the company\"}");
        assertEquals(200, off.status(), off::toString);
        assertEquals("offboarded", off.json().getJsonObject("member").getString("status"));
        List<String> deactivated = off.json().getJsonArray("deactivated_key_ids").stream()
                .map(v -> ((jakarta.json.JsonString) v).getString()).sorted().toList();
        assertEquals(List.of(k1, k2, k3).stream().sorted().toList(), deactivated);
        for (String k : List.of(k1, k2, k3)) {
            JsonObject key = api.get("api/v1/keys/" + k).json();
            assertEquals("deactivated", key.getString("status"));
            assertEquals("offboarded: left the company", key.getString("deactivation_reason"));
        }
        assertEquals("active", api.get("api/v1/keys/" + bystander).str("status"));
        assertEquals(401, self.get("api/v1/me").status(), "an offboarded member cannot log in");
        assertEquals(409, api.post("api/v1/members/" + memberId + "/offboard", null).status());
        assertEquals(1, api.get("api/v1/members?team_id=" + team + "&status=offboarded").json().getInt("total"));
    }

    /**
     * Taking a member out of a team deactivates the keys they own there (and only there), in the
     * same change, audited; the gateway refuses those keys at once; the member can no longer
     * create, update or rotate keys in that team, but still sees their old key.
     */
    @Test
    void removingAMembershipDeactivatesTheMembersKeysInThatTeamAndTheyCanNoLongerChangeKeysThere() {
        String left = fx.team();
        String stays = fx.team();
        JsonObject member = fx.member(left, "MEMBER");
        String memberId = member.getString("id");
        Api.Resp both = fx.memberIn(memberId, "MEMBER", left, stays);
        assertEquals(200, both.status(), both::toString);
        Api self = fx.as(Api.at(url), member);
        Api.Resp leaving = self.post("api/v1/keys", "{\"team_id\":\"" + left + "\",\"name\":\"in-left\"}");
        assertEquals(201, leaving.status(), leaving::toString);
        String leavingId = leaving.str("id");
        String leavingKey = leaving.str("key");
        Api.Resp kept = self.post("api/v1/keys", "{\"team_id\":\"" + stays + "\",\"name\":\"in-stays\"}");
        assertEquals(201, kept.status(), kept::toString);
        Gw gw = new Gw(Api.at(url));
        assertEquals(200, gw.get("v1/models", java.util.Map.of("x-api-key", leavingKey)).statusCode());

        Api.Resp removed = fx.memberIn(memberId, "MEMBER", stays);
        assertEquals(200, removed.status(), removed::toString);

        JsonObject gone = api.get("api/v1/keys/" + leavingId).json();
        assertEquals("deactivated", gone.getString("status"));
        assertEquals("membership removed", gone.getString("deactivation_reason"));
        assertEquals("active", api.get("api/v1/keys/" + kept.str("id")).str("status"), "a key in a team they stay in");
        var refused = gw.get("v1/models", java.util.Map.of("x-api-key", leavingKey));
        assertEquals(401, refused.statusCode(), refused::body);
        assertEquals("key_deactivated", Gw.code(refused));
        var audited = api.get("api/v1/audit?action=key.deactivate&target_id=" + leavingId).items();
        assertEquals(1, audited.size(), audited::toString);
        assertTrue(audited.get(0).toString().contains("membership removed"), audited::toString);

        Api.Resp rotate = self.post("api/v1/keys/" + leavingId + "/rotate", "{}");
        assertEquals(403, rotate.status(), rotate::toString);
        Api.Resp update = self.patch("api/v1/keys/" + leavingId, "{\"name\":\"renamed\"}");
        assertEquals(403, update.status(), update::toString);
        Api.Resp create = self.post("api/v1/keys", "{\"team_id\":\"" + left + "\",\"name\":\"again\"}");
        assertField(create, 400, "team_id"); // a team they are not in is unknown to them, as before
        assertEquals(200, self.get("api/v1/keys/" + leavingId).status(), "they still see the key they had");
        assertEquals(201, self.post("api/v1/keys/" + kept.str("id") + "/rotate", "{}").status(),
                "in the team they stay in, rotation works");
    }

    @Test
    void offboardingYourselfIsRefusedAndWritesNothing() {
        String adminId = api.get("api/v1/me").str("id");
        Api.Resp r = api.post("api/v1/members/" + adminId + "/offboard", null);
        assertEquals(409, r.status(), r::toString);
        assertEquals("active", api.get("api/v1/me").str("status"));
    }

    @Test
    void everyMutationIsAuditedWithoutSecretsAndTheChainVerifies() {
        String team = fx.team();
        Api.Resp key = api.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"audited\"}");
        String keyId = key.str("id");
        String plaintext = key.str("key");
        api.patch("api/v1/keys/" + keyId, "{\"rpm_limit\":7}");
        api.post("api/v1/keys/" + keyId + "/rotate", "{\"old_key_expires_in\":0}");

        Api.Resp trail = api.get("api/v1/audit?target_type=key&target_id=" + keyId);
        assertEquals(200, trail.status(), trail::toString);
        List<String> actions = trail.items().stream().map(v -> v.asJsonObject().getString("action")).toList();
        assertEquals(List.of("key.rotate", "key.update", "key.create"), actions);
        JsonObject update = trail.items().getJsonObject(1);
        assertEquals("admin", update.getString("actor"));
        assertNotNull(update.getString("source_ip"));
        assertTrue(update.getJsonObject("before").isNull("rpm_limit"));
        assertEquals(7, update.getJsonObject("after").getInt("rpm_limit"));
        assertFalse(trail.body().contains(plaintext), "no plaintext key in the audit log");
        assertFalse(trail.body().contains("key_hash"), "no key hash in the audit log");

        Api.Resp teamTrail = api.get("api/v1/audit?target_type=team&target_id=" + team + "&action=team.create");
        assertEquals(1, teamTrail.json().getInt("total"));

        Api.Resp verify = api.get("api/v1/audit/verify");
        assertEquals(200, verify.status(), verify::toString);
        assertTrue(verify.json().getBoolean("valid"), verify::toString);
        assertTrue(verify.json().getInt("entries_checked") >= 5);

        assertEquals("from", api.get("api/v1/audit?from=yesterday").problemField());
        assertEquals(405, api.delete("api/v1/audit").status(), "the audit log cannot be deleted");
    }

    private static void assertField(Api.Resp r, int status, String field) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(field, r.problemField(), r::toString);
    }
}
