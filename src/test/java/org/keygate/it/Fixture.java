package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;

/**
 * Creates the data a test needs through the public API, each piece uniquely named: a team, local
 * users with a role, keys.
 */
public final class Fixture {

    public static final String PASSWORD = "correct horse battery";

    private final Api admin;

    public Fixture(Api api) {
        this.admin = api.asAdmin();
    }

    public String team() {
        Api.Resp r = admin.post("api/v1/teams", "{\"name\":\"" + Api.unique("team") + "\"}");
        assertEquals(201, r.status(), r::toString);
        return r.str("id");
    }

    /** A local user with one team role (TEAM_ADMIN or MEMBER); returns the member JSON. */
    public JsonObject member(String teamId, String role) {
        String memberships = teamId == null ? "[]" : "[{\"team_id\":\"" + teamId + "\",\"role\":\"" + role + "\"}]";
        return user(null, memberships, "user");
    }

    /**
     * The same, named so that it sorts before every other user ("0-…"): on the first page of the
     * members table however many users the shared server holds. For the tests of that page.
     */
    public JsonObject memberListedFirst(String teamId, String role) {
        return user(null, "[{\"team_id\":\"" + teamId + "\",\"role\":\"" + role + "\"}]", "0");
    }

    /** Replaces the member's memberships by {@code role} in each of {@code teamIds} (as the admin); the answer. */
    public Api.Resp memberIn(String memberId, String role, String... teamIds) {
        String memberships = java.util.Arrays.stream(teamIds)
                .map(t -> "{\"team_id\":\"" + t + "\",\"role\":\"" + role + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        return admin.patch("api/v1/members/" + memberId, "{\"memberships\":" + memberships + "}");
    }

    /** A local user with an organisation role (ORG_ADMIN, AUDITOR or SERVICE). */
    public JsonObject orgUser(String orgRole) {
        return user(orgRole, "[]", "user");
    }

    private JsonObject user(String orgRole, String memberships, String prefix) {
        String body = "{\"username\":\"" + Api.unique(prefix) + "\",\"password\":\"" + PASSWORD + "\","
                + (orgRole == null ? "" : "\"org_role\":\"" + orgRole + "\",")
                + "\"memberships\":" + memberships + "}";
        Api.Resp r = admin.post("api/v1/members", body);
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    /** A key created by the admin for the owner; returns the create response (with the plaintext). */
    public JsonObject key(String teamId, String ownerId) {
        Api.Resp r = admin.post("api/v1/keys", "{\"team_id\":\"" + teamId + "\",\"owner_id\":\"" + ownerId
                + "\",\"name\":\"" + Api.unique("key") + "\"}");
        assertEquals(201, r.status(), r::toString);
        return r.json();
    }

    public Api as(Api api, JsonObject member) {
        return api.as(member.getString("username"), PASSWORD);
    }
}
