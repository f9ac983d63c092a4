package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;
import org.keygate.keys.boundary.ApiKeys;
import org.keygate.keys.boundary.CreateKeyRequest;
import org.keygate.platform.boundary.Connections;
import org.keygate.platform.control.InvalidInput;
import org.keygate.team.boundary.Teams;
import org.keygate.team.boundary.UpdateTeamRequest;

/**
 * Issue 13: validation by the platform — JSON-B (Yasson) configured strict and Bean Validation on
 * the request records and the services — answering exactly what the hand-written reader and checks
 * answered. The black-box tests cover what the reader's unit test cannot show (the servers' JSON-B
 * and JAX-RS validation in between); the in-server ones that a service refuses bad input with the
 * InvalidInput its callers have always caught, on both servers' EJB containers.
 */
class ValidationIT extends OwnDeployment {

    @Deployment
    static WebArchive deployment() {
        return Deployments.keygate().addClasses(OwnDeployment.class, Api.class, Api.Resp.class, Fixture.class);
    }

    @Inject
    Caller caller;

    @Inject
    ApiKeys keys;

    @Inject
    Teams teams;

    @Inject
    Connections connections;

    // ----- over HTTP -----

    @Test
    @RunAsClient
    void valuesOfTheWrongJsonTypeAreRefusedNotConverted() {
        Api api = Api.at(url).asAdmin();
        String team = new Fixture(Api.at(url)).team();
        String t = "{\"team_id\":\"" + team + "\",\"name\":\"x\",";
        assertProblem(api.post("api/v1/keys", t + "\"rpm_limit\":\"60\"}"), "rpm_limit", "must be an integer");
        assertProblem(api.post("api/v1/keys", t + "\"rpm_limit\":60.9}"), "rpm_limit", "must be an integer");
        assertProblem(api.post("api/v1/keys", t + "\"rpm_limit\":2147483648}"), "rpm_limit", "is out of range");
        assertProblem(api.post("api/v1/keys", t + "\"group\":5}"), "group", "must be a string");
        assertProblem(api.post("api/v1/keys", t + "\"daily_limit\":\"1.5\"}"), "daily_limit", "must be a number");
        assertProblem(api.post("api/v1/keys", t + "\"allowed_models\":[\"demo/echo\",7]}"), "allowed_models[1]", "must be a string");
        assertProblem(api.send("PUT", "api/v1/teams/" + team + "/alert-policy", "{\"deactivate_on_critical\":\"true\"}", Map.of()),
                "deactivate_on_critical", "must be true or false");
        assertProblem(api.send("PUT", "api/v1/teams/" + team + "/alert-policy", "{}", Map.of()),
                "deactivate_on_critical", "is required");
        assertEquals(0, api.get("api/v1/keys?team_id=" + team).json().getInt("total"), "nothing was written");

        Api.Resp lower = api.post("api/v1/keys", t.replace("\"x\"", "\"rfc\"") + "\"expires_at\":\"2099-01-01t00:00:00+02:00\"}");
        assertEquals(201, lower.status(), lower::toString);
        assertEquals("2098-12-31T22:00:00Z", lower.str("expires_at"), "RFC 3339: any offset, lower case t");
    }

    @Test
    @RunAsClient
    void aQueryParameterGivenTwiceIsRefusedNotHalfRead() {
        Api admin = Api.at(url).asAdmin();
        Api.Resp twice = admin.get("api/v1/members?page=1&size=5&size=100000");
        assertEquals(400, twice.status(), twice::toString);
        assertEquals("invalid_input", twice.str("code"));
        assertEquals("size", twice.problemField());
        assertEquals(200, admin.get("api/v1/members?page=1&size=5").status());
    }

    @Test
    @RunAsClient
    void aQueryParameterTheEndpointDoesNotTakeIsRefusedNotIgnored() {
        Api admin = Api.at(url).asAdmin();
        Api.Resp typo = admin.get("api/v1/alerts?status=open");
        assertEquals(400, typo.status(), typo::toString);
        assertEquals("status", typo.problemField());
        assertTrue(typo.str("detail").contains("state"), "it names the ones it takes: " + typo);
        assertEquals(400, admin.get("api/v1/me?verbose=1").status());
        assertEquals(200, admin.get("api/v1/alerts?state=open").status());
    }

    @Test
    @RunAsClient
    void nestedFieldsAreNamedWithTheirPath() {
        Api api = Api.at(url).asAdmin();
        String team = new Fixture(Api.at(url)).team();
        String ok = "{\"team_id\":\"" + team + "\",\"role\":\"MEMBER\"}";
        assertProblem(api.post("api/v1/members", member("[" + ok + ",{\"team\":\"x\"}]")), "memberships[1].team", "unknown field");
        assertProblem(api.post("api/v1/members", member("[" + ok + ",{\"team_id\":\"a\",\"team_id\":\"b\"}]")),
                "memberships[1].team_id", "appears more than once");
        assertProblem(api.post("api/v1/members", member("[" + ok + ",{\"team_id\":17}]")), "memberships[1].team_id", "must be a string");
        assertProblem(api.post("api/v1/members", member("[\"x\"]")), "memberships[0]", "must be an object");
        assertProblem(api.post("api/v1/members", member("{\"team_id\":\"t\"}")), "memberships", "must be an array");
        assertProblem(api.post("api/v1/members", member("[" + ok + ",null]")), "memberships[1]", "must not be null");
        assertProblem(api.post("api/v1/members", member("[{\"team_id\":\"" + team + "\",\"role\":\"OWNER\"}]")),
                "memberships[0].role", "must be TEAM_ADMIN or MEMBER");
        assertProblem(api.post("api/v1/teams", "{\"name\":\"x\",\"working_hours\":\"9-5\"}"), "working_hours", "must be an object");
        assertProblem(api.post("api/v1/teams", "{\"name\":\"x\",\"working_hours\":{\"days\":[\"MON\"],\"start\":\"09:00\","
                + "\"end\":\"17:00\",\"lunch\":\"12:00\"}}"), "working_hours.lunch", "unknown field");
        assertProblem(api.post("api/v1/teams", "{\"name\":\"x\",\"working_hours\":{\"days\":[\"MON\"],\"start\":\"9\","
                + "\"end\":\"17:00\"}}"), "working_hours.start", "must be a time HH:mm");
        assertProblem(api.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"x\",\"rpm_limit\":1,\"rpm_limit\":100000}"),
                "rpm_limit", "appears more than once");
        assertProblem(api.post("api/v1/keys", "{\"team_id\":\"" + team + "\",\"name\":\"x\",\"ip_whitelist\":[\"::1\",null]}"),
                "ip_whitelist[1]", "must not be null");
    }

    private static String member(String memberships) {
        return "{\"username\":\"" + Api.unique("v") + "\",\"memberships\":" + memberships + "}";
    }

    @Test
    @RunAsClient
    void bodiesThatAreNoJsonObjectAreRefusedAsAWhole() throws Exception {
        Api api = Api.at(url).asAdmin();
        for (String body : List.of("[1,2]", "42", "\"team\"", "null", "true")) {
            assertProblem(api.post("api/v1/teams", body), null, "the request body must be a JSON object");
        }
        for (String body : List.of("{\"name\":\"x\"} x", "{\"name\":\"x\"}{\"name\":\"y\"}", "{\"name\":\"x\",}", "{name:\"x\"}",
                "{\"name\":\"x\"} // comment")) {
            Api.Resp r = api.post("api/v1/teams", body);
            assertProblem(r, null, null);
            assertTrue(r.json().getString("detail").startsWith("malformed JSON"), r::toString);
        }
        assertProblem(api.post("api/v1/teams", ""), null, "a JSON object is required as the request body");

        byte[] latin1 = "{\"name\":\"Z\u00fcrich\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(raw(latin1), null, "malformed JSON: the body is not valid UTF-8");
        String name = Api.unique("bom");
        byte[] bom = ("\uFEFF{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> withBom = rawResponse(bom);
        assertEquals(201, withBom.statusCode(), withBom::body);
    }

    @Test
    @RunAsClient
    void violationsAnswerTheProblemTheHandWrittenChecksAnswered() {
        Api api = Api.at(url).asAdmin();
        String team = new Fixture(Api.at(url)).team();
        String t = "{\"team_id\":\"" + team + "\",";
        Api.Resp r = api.post("api/v1/keys", t + "\"name\":\"x\",\"ip_whitelist\":[\"10.0.0.0/8\",\"10.0.0.300/8\"]}");
        assertProblem(r, "ip_whitelist[1]", "'10.0.0.300/8' is not a valid IPv4 address");
        JsonObject problem = r.json();
        assertEquals("urn:keygate:problem:invalid_input", problem.getString("type"));
        assertEquals("Bad Request", problem.getString("title"));
        assertEquals(400, problem.getInt("status"));
        assertEquals(1, problem.getJsonArray("errors").size());
        assertEquals("ip_whitelist[1]", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals("'10.0.0.300/8' is not a valid IPv4 address", problem.getJsonArray("errors").getJsonObject(0).getString("message"));
        assertFalse(r.body().contains("Violation") || r.body().contains("arg0") || r.body().contains("create."), r.body());

        assertProblem(api.post("api/v1/keys", t + "\"name\":\" \",\"rpm_limit\":0,\"daily_limit\":0}"), "name", "is required");
        assertProblem(api.post("api/v1/keys", t + "\"name\":\"x\",\"rpm_limit\":0,\"daily_limit\":0}"), "rpm_limit",
                "must be between 1 and 1000000");
        assertProblem(api.post("api/v1/keys", t + "\"name\":\"x\",\"ip_whitelist\":[\"${1+1}\"]}"), "ip_whitelist[0]",
                "'${1+1}' is not an IP address or CIDR block");
        assertProblem(api.post("api/v1/keys", t + "\"name\":\"x\",\"allowed_models\":[\"nobody/unknown-model\"]}"),
                "allowed_models[0]", "'nobody/unknown-model' is not in the model catalogue");
        assertProblem(api.post("api/v1/keys", t + "\"name\":\"x\",\"expires_at\":\"2001-01-01T00:00:00Z\"}"),
                "expires_at", "must be in the future");
        String key = api.post("api/v1/keys", t + "\"name\":\"x\"}").str("id");
        assertProblem(api.post("api/v1/keys/" + key + "/rotate", "{\"old_key_expires_in\":2592001}"), "old_key_expires_in",
                "must be between 0 and 2592000 seconds");
        assertProblem(api.patch("api/v1/keys/" + key, "{\"name\":null}"), "name", "is required");
        assertProblem(api.patch("api/v1/teams/" + team, "{\"time_zone\":null}"), "time_zone", "must not be null");
        assertProblem(api.post("api/v1/teams/" + team + "/ledger", "{\"amount\":-1,\"note\":\"x\",\"kind\":\"top_up\"}"), "amount",
                "a top_up must be greater than 0; use kind adjustment to reduce a balance");
        assertEquals(0, api.get("api/v1/teams/" + team + "/ledger").json().getInt("total"), "nothing was written");
    }

    @Test
    @RunAsClient
    void patchTellsAbsentFromNull() {
        Api api = Api.at(url).asAdmin();
        String team = new Fixture(Api.at(url)).team();
        Api.Resp created = api.post("api/v1/members", "{\"username\":\"" + Api.unique("p") + "\",\"display_name\":\"Ada\","
                + "\"email\":\"ada@example.org\",\"memberships\":[{\"team_id\":\"" + team + "\",\"role\":\"MEMBER\"}]}");
        assertEquals(201, created.status(), created::toString);
        String id = created.str("id");
        Api.Resp same = api.patch("api/v1/members/" + id, "{}");
        assertEquals(200, same.status(), same::toString);
        assertEquals("Ada", same.str("display_name"));
        assertEquals("ada@example.org", same.str("email"));
        assertEquals(1, same.json().getJsonArray("memberships").size());
        Api.Resp cleared = api.patch("api/v1/members/" + id, "{\"display_name\":null}");
        assertEquals(200, cleared.status(), cleared::toString);
        assertNull(cleared.str("display_name"));
        assertEquals("ada@example.org", cleared.str("email"), "absent stays");

        assertEquals(200, api.patch("api/v1/teams/" + team, "{\"default_rpm_limit\":40}").status());
        assertEquals(40, api.patch("api/v1/teams/" + team, "{\"billing\":\"postpaid\"}").json().getInt("default_rpm_limit"));
        assertTrue(api.patch("api/v1/teams/" + team, "{\"default_rpm_limit\":null}").json().isNull("default_rpm_limit"));
    }

    // ----- inside the server -----

    @Test
    void servicesRefuseBadInputWithTheInvalidInputTheyAlwaysThrew() throws SQLException {
        caller.authenticate(single("SELECT id FROM member WHERE username = 'admin'"), "admin", OrgRole.ORG_ADMIN, Map.of(),
                "127.0.0.1");
        String team = single("SELECT id FROM team WHERE name = 'Default'");
        InvalidInput name = assertThrows(InvalidInput.class, () -> keys.create(new CreateKeyRequest(team, null, " ", null, null,
                null, null, null, null, null), null));
        assertEquals("name", name.field());
        assertEquals("is required", name.getMessage());
        InvalidInput ip = assertThrows(InvalidInput.class, () -> keys.create(new CreateKeyRequest(team, null, "x", null, null,
                null, List.of("::1", "example.com"), null, null, null), null));
        assertEquals("ip_whitelist[1]", ip.field());
        InvalidInput zone = assertThrows(InvalidInput.class, () -> teams.update(team,
                new UpdateTeamRequest(null, null, Optional.empty(), null, null)));
        assertEquals("time_zone", zone.field());
        assertEquals("must not be null", zone.getMessage());
        InvalidInput none = assertThrows(InvalidInput.class, () -> keys.create(null, null));
        assertNull(none.field(), "the whole request is missing");
    }

    // ----- helpers -----

    private static void assertProblem(Api.Resp r, String field, String detail) {
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals("invalid_input", r.json().getString("code"), r::toString);
        assertEquals(field, r.problemField(), r::toString);
        if (detail != null) {
            assertEquals(detail, r.json().getString("detail"), r::toString);
        }
        assertFalse(r.body().contains("Exception"), r.body());
    }

    private Api.Resp raw(byte[] body) throws Exception {
        HttpResponse<String> response = rawResponse(body);
        return new Api.Resp(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response,
                response.body());
    }

    private HttpResponse<String> rawResponse(byte[] body) throws Exception {
        URI teams = Api.at(url).uri("api/v1/teams");
        String basic = Base64.getEncoder().encodeToString(("admin:" + Deployments.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(teams).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String single(String sql) throws SQLException {
        try (Connection c = connections.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
