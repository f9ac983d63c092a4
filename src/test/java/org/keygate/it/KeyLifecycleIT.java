package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.keys.control.KeyMint;

/**
 * The key lifecycle of docs/api.md through the real management API: create, read, list, update,
 * deactivate, delete, rotate, idempotency, and every kind of bad input of issue 2 point 6.
 */
@SharedServer
class KeyLifecycleIT {

    @SharedServer.Url
    URL url;

    Api api;
    Fixture fx;
    String team;

    @BeforeEach
    void setUp() {
        api = Api.at(url).asAdmin();
        fx = new Fixture(Api.at(url));
        team = fx.team();
    }

    @Test
    void createReturnsThePlaintextOnceAndGetNeverDoes() {
        Api.Resp created = createKey("{\"name\":\"ci\",\"group\":\"production\",\"project\":\"search\","
                + "\"allowed_models\":[\"demo/echo\",\"anthropic/*\"],\"ip_whitelist\":[\"10.0.0.0/8\",\"2001:DB8::/32\",\"203.0.113.7\"],"
                + "\"rpm_limit\":120,\"daily_limit\":2.5,\"expires_at\":\"2099-01-01T00:00:00Z\"}");
        assertEquals(201, created.status(), created::toString);
        String key = created.str("key");
        assertTrue(KeyMint.isWellFormed(key), "minted key is well-formed");
        assertEquals(key.substring(0, 7), created.str("key_prefix"));
        assertEquals(key.substring(31), created.str("last4"));
        assertEquals("active", created.str("status"));
        assertTrue(created.header("Location").endsWith("/api/v1/keys/" + created.str("id")));

        Api.Resp got = api.get("api/v1/keys/" + created.str("id"));
        assertEquals(200, got.status());
        JsonObject view = got.json();
        assertFalse(view.containsKey("key"));
        assertFalse(view.containsKey("key_hash"));
        assertFalse(got.body().contains(key));
        assertEquals("production", view.getString("group"));
        assertEquals("search", view.getString("project"));
        assertEquals(List.of("demo/echo", "anthropic/*"), strings(view, "allowed_models"));
        assertEquals(List.of("10.0.0.0/8", "2001:db8::/32", "203.0.113.7"), strings(view, "ip_whitelist"));
        assertEquals(120, view.getInt("rpm_limit"));
        assertEquals(0, view.getJsonNumber("daily_limit").bigDecimalValue().compareTo(new java.math.BigDecimal("2.5")));
        assertEquals("2099-01-01T00:00:00Z", view.getString("expires_at"));
        assertEquals("admin", view.getString("created_by"));
        assertFalse(view.getBoolean("rotation_due"));
        assertEquals(view.getString("key_prefix") + "…" + view.getString("last4"), view.getString("display"));
    }

    @Test
    void ownerDefaultsToTheCaller() {
        Api.Resp me = api.get("api/v1/me");
        Api.Resp created = createKey("{\"name\":\"mine\"}");
        assertEquals(me.str("id"), created.str("owner_id"));
    }

    @Test
    void listFiltersSortsAndPages() {
        String owner = fx.member(team, "MEMBER").getString("id");
        for (int i = 0; i < 5; i++) {
            Api.Resp r = createKey("{\"name\":\"k" + i + "\",\"owner_id\":\"" + owner + "\",\"group\":\""
                    + (i % 2 == 0 ? "production" : "staging") + "\",\"project\":\"p" + i + "\"}");
            assertEquals(201, r.status(), r::toString);
        }
        Api.Resp page1 = api.get("api/v1/keys?team_id=" + team + "&sort=name&size=2&page=1");
        assertEquals(200, page1.status(), page1::toString);
        assertEquals(5, page1.json().getInt("total"));
        assertEquals(List.of("k0", "k1"), names(page1));
        assertEquals(List.of("k2", "k3"), names(api.get("api/v1/keys?team_id=" + team + "&sort=name&size=2&page=2")));
        assertEquals(List.of("k4"), names(api.get("api/v1/keys?team_id=" + team + "&sort=name&size=2&page=3")));
        assertEquals(List.of("k4", "k3", "k2", "k1", "k0"), names(api.get("api/v1/keys?team_id=" + team + "&sort=-name")));
        assertEquals(List.of("k0", "k2", "k4"), names(api.get("api/v1/keys?team_id=" + team + "&group=production&sort=name")));
        assertEquals(List.of("k3"), names(api.get("api/v1/keys?team_id=" + team + "&project=p3")));
        assertEquals(5, api.get("api/v1/keys?owner_id=" + owner).json().getInt("total"));

        String victim = api.get("api/v1/keys?team_id=" + team + "&project=p1").items().getJsonObject(0).getString("id");
        assertEquals(200, api.post("api/v1/keys/" + victim + "/deactivate", "{\"reason\":\"test\"}").status());
        assertEquals(List.of("k1"), names(api.get("api/v1/keys?team_id=" + team + "&status=deactivated")));
        assertEquals(4, api.get("api/v1/keys?team_id=" + team + "&status=active").json().getInt("total"));
        assertEquals(0, api.get("api/v1/keys?team_id=" + team + "&status=expired").json().getInt("total"));
        assertEquals(0, api.get("api/v1/keys?team_id=" + team + "&rotation_due=true").json().getInt("total"));
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndNullClears() {
        String id = createKey("{\"name\":\"before\",\"group\":\"staging\",\"rpm_limit\":10,\"daily_limit\":1}").str("id");
        Api.Resp updated = api.patch("api/v1/keys/" + id,
                "{\"name\":\"after\",\"daily_limit\":null,\"ip_whitelist\":[\"::1\"],\"allowed_models\":[\"demo/echo\"]}");
        assertEquals(200, updated.status(), updated::toString);
        JsonObject view = updated.json();
        assertEquals("after", view.getString("name"));
        assertEquals("staging", view.getString("group"));
        assertEquals(10, view.getInt("rpm_limit"));
        assertTrue(view.isNull("daily_limit"));
        assertEquals(List.of("::1"), strings(view, "ip_whitelist"));
        assertEquals(List.of("demo/echo"), strings(view, "allowed_models"));
        assertEquals("after", api.get("api/v1/keys/" + id).str("name"));
    }

    @Test
    void deactivationIsOneWayAndDeleteNeedsIt() {
        String id = createKey("{\"name\":\"doomed\"}").str("id");
        Api.Resp early = api.delete("api/v1/keys/" + id);
        assertEquals(409, early.status(), early::toString);
        assertEquals("key_not_deactivated", early.json().getString("code"));

        assertEquals(400, api.post("api/v1/keys/" + id + "/deactivate", "{}").status(), "reason is required");
        Api.Resp off = api.post("api/v1/keys/" + id + "/deactivate", "{\"reason\":\"left the project\"}");
        assertEquals(200, off.status(), off::toString);
        assertEquals("deactivated", off.str("status"));
        assertEquals("left the project", off.str("deactivation_reason"));
        assertEquals("admin", off.str("deactivated_by"));
        assertNotNullInstant(off.str("deactivated_at"));

        assertEquals(409, api.post("api/v1/keys/" + id + "/deactivate", "{\"reason\":\"again\"}").status());
        assertEquals(409, api.patch("api/v1/keys/" + id, "{\"name\":\"revived\"}").status());
        assertEquals(409, api.post("api/v1/keys/" + id + "/rotate", null).status());

        assertEquals(204, api.delete("api/v1/keys/" + id).status());
        assertEquals(404, api.get("api/v1/keys/" + id).status());
        assertEquals(404, api.delete("api/v1/keys/" + id).status());
    }

    @Test
    void rotationKeepsBothKeysActiveUntilFinished() {
        Api.Resp old = createKey("{\"name\":\"svc\",\"group\":\"production\",\"rpm_limit\":33,\"allowed_models\":[\"demo/echo\"]}");
        Api.Resp rotated = api.post("api/v1/keys/" + old.str("id") + "/rotate", "{\"old_key_expires_in\":3600}");
        assertEquals(201, rotated.status(), rotated::toString);
        String successorKey = rotated.str("key");
        assertTrue(KeyMint.isWellFormed(successorKey));
        assertNotEquals(old.str("key"), successorKey);
        JsonObject next = rotated.json();
        assertEquals(old.str("id"), next.getString("rotated_from"));
        assertEquals("production", next.getString("group"));
        assertEquals(33, next.getInt("rpm_limit"));
        assertEquals(List.of("demo/echo"), strings(next, "allowed_models"));
        assertEquals("active", next.getString("status"));

        JsonObject before = api.get("api/v1/keys/" + old.str("id")).json();
        assertEquals("active", before.getString("status"), "the old key keeps working during the grace period");
        assertEquals(next.getString("id"), before.getString("rotated_to"));
        Instant ends = Instant.parse(before.getString("rotation_ends_at"));
        Instant expected = Instant.now().plusSeconds(3600);
        assertTrue(Math.abs(ChronoUnit.SECONDS.between(expected, ends)) < 120, "grace period of one hour: " + ends);

        assertEquals(409, api.post("api/v1/keys/" + old.str("id") + "/rotate", "{}").status(), "one rotation at a time");

        Api.Resp finished = api.post("api/v1/keys/" + next.getString("id") + "/finish-rotation", null);
        assertEquals(200, finished.status(), finished::toString);
        assertEquals("deactivated", api.get("api/v1/keys/" + old.str("id")).str("status"));
        assertEquals("rotated", api.get("api/v1/keys/" + old.str("id")).str("deactivation_reason"));
        assertEquals("active", api.get("api/v1/keys/" + next.getString("id")).str("status"));
        assertEquals(409, api.post("api/v1/keys/" + next.getString("id") + "/finish-rotation", null).status());
    }

    @Test
    void rotationWithZeroGraceEndsTheOldKeyAtOnce() {
        Api.Resp old = createKey("{\"name\":\"now\"}");
        Api.Resp rotated = api.post("api/v1/keys/" + old.str("id") + "/rotate", "{\"old_key_expires_in\":0}");
        assertEquals(201, rotated.status(), rotated::toString);
        assertEquals("deactivated", api.get("api/v1/keys/" + old.str("id")).str("status"));
        Api.Resp negative = api.post("api/v1/keys/" + rotated.str("id") + "/rotate", "{\"old_key_expires_in\":-1}");
        assertEquals(400, negative.status(), negative::toString);
        assertEquals("old_key_expires_in", negative.problemField());
    }

    @Test
    void idempotentCreateReplaysMetadataWithoutASecondPlaintext() {
        String body = "{\"team_id\":\"" + team + "\",\"name\":\"idem\"}";
        Map<String, String> idem = Map.of("Idempotency-Key", Api.unique("idem"));
        Api.Resp first = api.post("api/v1/keys", body, idem);
        Api.Resp again = api.post("api/v1/keys", body, idem);
        assertEquals(201, first.status());
        assertEquals(201, again.status(), again::toString);
        assertEquals(first.str("id"), again.str("id"));
        assertFalse(again.json().containsKey("key"), "a replay never carries a plaintext");
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(1, api.get("api/v1/keys?team_id=" + team).json().getInt("total"));

        Api.Resp different = api.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"other\"}", idem);
        assertEquals(422, different.status(), different::toString);
        assertEquals("idempotency_key_reused", different.json().getString("code"));
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyMintOneKey() throws Exception {
        String body = "{\"team_id\":\"" + team + "\",\"name\":\"race\"}";
        Map<String, String> idem = Map.of("Idempotency-Key", Api.unique("race"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Resp>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> api.post("api/v1/keys", body, idem));
            }
            Set<String> ids = new HashSet<>();
            int plaintexts = 0;
            for (Future<Api.Resp> f : pool.invokeAll(calls)) {
                Api.Resp r = f.get();
                assertEquals(201, r.status(), r::toString);
                ids.add(r.str("id"));
                plaintexts += r.json().containsKey("key") ? 1 : 0;
            }
            assertEquals(1, ids.size(), "every retry answers the same key");
            assertEquals(1, plaintexts, "exactly one answer carries the plaintext");
            assertEquals(1, api.get("api/v1/keys?team_id=" + team).json().getInt("total"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idempotentRotateReplays() {
        String id = createKey("{\"name\":\"rot-idem\"}").str("id");
        Map<String, String> idem = Map.of("Idempotency-Key", Api.unique("rot"));
        Api.Resp first = api.post("api/v1/keys/" + id + "/rotate", "{\"old_key_expires_in\":60}", idem);
        Api.Resp again = api.post("api/v1/keys/" + id + "/rotate", "{\"old_key_expires_in\":60}", idem);
        assertEquals(201, first.status(), first::toString);
        assertEquals(201, again.status(), again::toString);
        assertEquals(first.str("id"), again.str("id"));
        assertTrue(first.json().containsKey("key"));
        assertFalse(again.json().containsKey("key"));
    }

    @Test
    void badInputAnswers400NamingTheFieldAndWritesNothing() {
        String t = "\"team_id\":\"" + team + "\",";
        assertBad("{" + t + "\"name\":\"x\"", null);
        assertBad("[1,2]", null);
        assertBad("{" + t + "\"name\":5}", "name");
        assertBad("{" + t + "\"name\":\"x\",\"rpm_limit\":\"ten\"}", "rpm_limit");
        assertBad("{" + t + "\"name\":\"x\",\"rpm_limit\":1.5}", "rpm_limit");
        assertBad("{" + t + "\"name\":\"x\",\"rpm_limit\":0}", "rpm_limit");
        assertBad("{" + t + "\"name\":\"x\",\"rpm_limit\":-5}", "rpm_limit");
        assertBad("{" + t + "\"name\":\"x\",\"daily_limit\":0}", "daily_limit");
        assertBad("{" + t + "\"name\":\"x\",\"daily_limit\":-1}", "daily_limit");
        assertBad("{" + t + "\"name\":\"x\",\"daily_limit\":0.0000001}", "daily_limit");
        assertBad("{" + t + "\"name\":\"x\",\"ip_whitelist\":[\"10.0.0.300/8\"]}", "ip_whitelist[0]");
        assertBad("{" + t + "\"name\":\"x\",\"ip_whitelist\":[\"10.0.0.0/33\"]}", "ip_whitelist[0]");
        assertBad("{" + t + "\"name\":\"x\",\"ip_whitelist\":[\"::1\",\"example.com\"]}", "ip_whitelist[1]");
        assertBad("{" + t + "\"name\":\"x\",\"ip_whitelist\":\"10.0.0.0/8\"}", "ip_whitelist");
        assertBad("{" + t + "\"name\":\"x\",\"allowed_models\":[\"not a model\"]}", "allowed_models[0]");
        assertBad("{" + t + "\"name\":\"x\",\"allowed_models\":[\"*\"]}", "allowed_models[0]");
        assertBad("{" + t + "\"name\":\"x\",\"allowed_models\":[\"nobody/unknown-model\"]}", "allowed_models[0]");
        assertBad("{" + t + "\"name\":\"x\",\"expires_at\":\"tomorrow\"}", "expires_at");
        assertBad("{" + t + "\"name\":\"x\",\"expires_at\":\"2001-01-01T00:00:00Z\"}", "expires_at");
        assertBad("{" + t + "\"name\":\"x\",\"colour\":\"red\"}", "colour");
        assertBad("{" + t + "\"name\":\"  \"}", "name");
        assertBad("{\"team_id\":\"team_nope\",\"name\":\"x\"}", "team_id");
        assertBad("{" + t + "\"name\":\"x\",\"owner_id\":\"mem_nope\"}", "owner_id");
        assertEquals(0, api.get("api/v1/keys?team_id=" + team).json().getInt("total"), "nothing was written");

        Api.Resp big = api.post("api/v1/keys", "{" + t + "\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals(413, big.status(), big::toString);
        assertTrue(big.contentType().startsWith("application/problem+json"));

        Api.Resp wrongType = api.send("POST", "api/v1/keys", "name=x", Map.of("Content-Type", "text/plain"));
        assertEquals(415, wrongType.status());
        assertTrue(wrongType.contentType().startsWith("application/problem+json"));

        assertEquals(400, api.get("api/v1/keys?size=0").status());
        assertEquals("size", api.get("api/v1/keys?size=abc").problemField());
        assertEquals("sort", api.get("api/v1/keys?sort=key_hash").problemField());
        assertEquals("status", api.get("api/v1/keys?status=zombie").problemField());
    }

    @Test
    void unknownIdsAnswer404ProblemJson() {
        for (Api.Resp r : List.of(api.get("api/v1/keys/key_nope"), api.patch("api/v1/keys/key_nope", "{\"name\":\"x\"}"),
                api.post("api/v1/keys/key_nope/deactivate", "{\"reason\":\"x\"}"), api.post("api/v1/keys/key_nope/rotate", null),
                api.post("api/v1/keys/key_nope/finish-rotation", null), api.delete("api/v1/keys/key_nope"),
                api.get("api/v1/nothing-here"))) {
            assertEquals(404, r.status(), r::toString);
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertFalse(r.body().contains("Exception"), r.body());
        }
    }

    private Api.Resp createKey(String json) {
        String body = "{\"team_id\":\"" + team + "\"," + json.substring(1);
        return api.post("api/v1/keys", body);
    }

    private void assertBad(String body, String field) {
        Api.Resp r = api.post("api/v1/keys", body);
        assertEquals(400, r.status(), () -> body + " → " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(field, r.problemField(), () -> body + " → " + r);
        assertFalse(r.body().contains("Exception"), r.body());
    }

    private static List<String> names(Api.Resp page) {
        return page.items().stream().map(v -> v.asJsonObject().getString("name")).toList();
    }

    private static List<String> strings(JsonObject o, String field) {
        return o.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static void assertNotNullInstant(String value) {
        assertTrue(value != null && Instant.parse(value).isBefore(Instant.now().plusSeconds(60)), value);
    }
}
