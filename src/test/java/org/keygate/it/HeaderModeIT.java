package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code header} mode (docs/authentication.md): behind an SSO proxy, user and groups come from headers, which are
 * believed only when the socket peer is a trusted proxy. Here the trusted proxy is 127.0.0.1; the
 * same request from 127.0.0.2 (another loopback address, bound explicitly) plays the attacker who
 * reaches Keygate directly and sets the headers themselves.
 */
@RunAsClient
class HeaderModeIT extends OwnDeployment {

    static final String TRUSTED = "127.0.0.1";
    static final String UNTRUSTED = "127.0.0.2";
    /** The SSO proxy's own logout (oauth2-proxy's sign-out), where Keygate's logout button leads. */
    static final String PROXY_LOGOUT = "/oauth2/sign_out?rd=/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygate(Map.of("keygate.auth.mode", "header", "keygate.trusted-proxies", "127.0.0.1/32",
                "keygate.auth.header.user", "X-Auth-User", "keygate.auth.header.groups", "X-Auth-Groups",
                "keygate.auth.groups.org-admin", "platform-admins", "keygate.auth.header.logout-url", PROXY_LOGOUT,
                "keygate.auth.groups.team-pattern", "kg-team-{team}-{role}"));
    }

    @Test
    void teamRolesFollowTheGroupsAndLeavingTheGroupEndsTheKeys() throws IOException {
        Map<String, String> asAdmin = Map.of("X-Auth-User", Api.unique("sso-admin"), "X-Auth-Groups", "platform-admins");
        String teamName = Api.unique("grp");
        RawHttp.Answer team = call(TRUSTED, "POST", "api/v1/teams", "{\"name\":\"" + teamName + "\"}", asAdmin);
        assertEquals(201, team.status(), team::toString);
        String teamId = field(team.body(), "id");
        String user = Api.unique("sso-lead");
        // the group names the team by its name, in another case: the IdP's spelling need not be Keygate's
        Map<String, String> asLead = Map.of("X-Auth-User", user, "X-Auth-Groups",
                "staff, kg-team-" + teamName.toUpperCase(java.util.Locale.ROOT) + "-admin");

        RawHttp.Answer key = call(TRUSTED, "POST", "api/v1/keys", "{\"team_id\":\"" + teamId + "\",\"name\":\"ci\"}", asLead);
        assertEquals(201, key.status(), "TEAM_ADMIN of the team from the group, at the first request: " + key);
        String keyId = field(key.body(), "id");
        String secret = field(key.body(), "key");
        RawHttp.Answer me = call(TRUSTED, "GET", "api/v1/me", null, asLead);
        String memberId = field(me.body(), "id");
        RawHttp.Answer member = call(TRUSTED, "GET", "api/v1/members/" + memberId, null, asAdmin);
        assertTrue(member.body().contains("\"team_id\":\"" + teamId + "\"") && member.body().contains("\"role\":\"TEAM_ADMIN\"")
                && member.body().contains("\"source\":\"idp\""), "an IdP-managed membership: " + member);
        assertTrue(call(TRUSTED, "GET", "admin/members/list.xhtml", null, asAdmin).body().contains("(from IdP)"),
                "the Members page says which memberships come from the IdP");

        RawHttp.Answer edit = call(TRUSTED, "PATCH", "api/v1/members/" + memberId, "{\"memberships\":[]}", asAdmin);
        assertEquals(409, edit.status(), edit::toString);
        assertEquals("idp_managed", field(edit.body(), "code"), "not editable in Keygate: " + edit);
        RawHttp.Answer demote = call(TRUSTED, "PATCH", "api/v1/members/" + memberId,
                "{\"memberships\":[{\"team_id\":\"" + teamId + "\",\"role\":\"MEMBER\"}]}", asAdmin);
        assertEquals(409, demote.status(), demote::toString);

        RawHttp.Answer gatewayBefore = call(TRUSTED, "POST", "v1/chat/completions",
                Gw.chatBody("demo/echo", "hi", 4, false), Map.of("Authorization", "Bearer " + secret));
        assertTrue(gatewayBefore.status() != 401, "the key works before: " + gatewayBefore);

        RawHttp.Answer asMember = call(TRUSTED, "GET", "api/v1/me", null, Map.of("X-Auth-User", user, "X-Auth-Groups",
                "kg-team-" + teamName + "-member"));
        assertEquals(200, asMember.status(), asMember::toString);
        member = call(TRUSTED, "GET", "api/v1/members/" + memberId, null, asAdmin);
        assertTrue(member.body().contains("\"role\":\"MEMBER\""), "the role follows the group: " + member);

        assertEquals(200, call(TRUSTED, "GET", "api/v1/me", null, Map.of("X-Auth-User", user, "X-Auth-Groups", "staff")).status());
        member = call(TRUSTED, "GET", "api/v1/members/" + memberId, null, asAdmin);
        assertFalse(member.body().contains(teamId), "leaving the group leaves the team: " + member);
        RawHttp.Answer keyAfter = call(TRUSTED, "GET", "api/v1/keys/" + keyId, null, asAdmin);
        assertEquals("deactivated", field(keyAfter.body(), "status"), "their key in that team is deactivated: " + keyAfter);
        RawHttp.Answer gatewayAfter = call(TRUSTED, "POST", "v1/chat/completions",
                Gw.chatBody("demo/echo", "hi", 4, false), Map.of("Authorization", "Bearer " + secret));
        assertEquals(401, gatewayAfter.status(), "and refused by the gateway at once: " + gatewayAfter);
        RawHttp.Answer audit = call(TRUSTED, "GET", "api/v1/audit?target_id=" + memberId, null, asAdmin);
        assertTrue(audit.body().contains("member.sync_groups"), "each change is audited: " + audit);
    }

    private static String field(String json, String name) {
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject().getString(name);
        }
    }

    @Test
    void trustedProxyIsBelievedAndGroupsGiveTheOrgRole() throws IOException {
        String user = Api.unique("sso-admin");
        RawHttp.Answer me = call(TRUSTED, "GET", "api/v1/me", null, Map.of("X-Auth-User", user, "X-Auth-Groups", "staff, platform-admins"));
        assertEquals(200, me.status(), me::toString);
        assertTrue(me.body().contains("\"username\":\"" + user + "\""), "provisioned on first sight: " + me);
        assertTrue(me.body().contains("\"org_role\":\"ORG_ADMIN\"") && me.body().contains("\"org_role_source\":\"groups\""),
                "the role in force, from the groups: " + me);
        RawHttp.Answer team = call(TRUSTED, "POST", "api/v1/teams", "{\"name\":\"" + Api.unique("team") + "\"}",
                Map.of("X-Auth-User", user, "X-Auth-Groups", "platform-admins"));
        assertEquals(201, team.status(), "ORG_ADMIN from the group: " + team);

        RawHttp.Answer withoutGroup = call(TRUSTED, "POST", "api/v1/teams", "{\"name\":\"" + Api.unique("team") + "\"}",
                Map.of("X-Auth-User", user));
        assertEquals(403, withoutGroup.status(), "leaving the group in the IdP takes the role away: " + withoutGroup);

        RawHttp.Answer page = call(TRUSTED, "GET", "admin/index.xhtml", null, Map.of("X-Auth-User", user, "X-Auth-Groups", "platform-admins"));
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.body().contains(user) && page.body().contains("Org admin"), "the page knows the SSO user");
        assertTrue(page.body().contains("logoutForm"), "logout leads to the proxy's logout URL, which is configured");
    }

    @Test
    void logoutLeadsToTheProxysLogoutUrl() throws IOException {
        Map<String, String> sso = Map.of("X-Auth-User", Api.unique("sso-leaver"));
        RawHttp.Answer page = call(TRUSTED, "GET", "admin/index.xhtml", null, sso);
        assertEquals(200, page.status(), page::toString);
        String cookie = page.headers().getOrDefault("set-cookie", "").split(";")[0];
        assertTrue(cookie.startsWith("KEYGATE_SESSION="), "the page's view state lives in a session: " + page.headers());
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("id=\"logoutForm\"[^>]*action=\"([^\"]+)\"")
                .matcher(page.body());
        java.util.regex.Matcher state = java.util.regex.Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
                .matcher(page.body());
        assertTrue(action.find() && state.find(), "the logout form and its view state: " + page.body());
        String form = "logoutForm=logoutForm&logoutForm%3Alogout=&jakarta.faces.ViewState="
                + java.net.URLEncoder.encode(state.group(1).replace("&#58;", ":"), StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.HashMap<>(sso);
        headers.put("Cookie", cookie);
        String path = action.group(1).replace("&amp;", "&").substring(Api.at(url).uri("").getRawPath().length());
        RawHttp.Answer logout = exchange(TRUSTED, "POST", path, form, "application/x-www-form-urlencoded", headers);
        assertEquals(302, logout.status(), logout::toString);
        assertEquals(PROXY_LOGOUT, logout.headers().get("location").replaceFirst("^https?://[^/]+", ""),
                "to the proxy's logout, which ends the SSO session: " + logout.headers());
    }

    @Test
    void untrustedPeerWithTheSameHeadersIsRefused() throws IOException {
        String user = Api.unique("sso-admin");
        Map<String, String> headers = Map.of("X-Auth-User", user, "X-Auth-Groups", "platform-admins");
        assertEquals(200, call(TRUSTED, "GET", "api/v1/me", null, headers).status());

        RawHttp.Answer api = call(UNTRUSTED, "GET", "api/v1/me", null, headers);
        assertEquals(401, api.status(), api::toString);
        assertTrue(api.body().contains("not a trusted SSO proxy"), api::toString);
        RawHttp.Answer create = call(UNTRUSTED, "POST", "api/v1/teams", "{\"name\":\"" + Api.unique("team") + "\"}", headers);
        assertEquals(401, create.status(), create::toString);
        RawHttp.Answer page = call(UNTRUSTED, "GET", "admin/index.xhtml", null, headers);
        assertEquals(401, page.status(), page::toString);
        assertFalse(page.body().contains(user));
    }

    @Test
    void noUserHeaderAndLocalCredentialsAreRefused() throws IOException {
        assertEquals(401, call(TRUSTED, "GET", "api/v1/me", null, Map.of()).status());
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + Deployments.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(401, call(TRUSTED, "GET", "api/v1/me", null, Map.of("Authorization", "Basic " + basic)).status(),
                "HTTP Basic is not a way in when an SSO proxy is in charge");
        assertEquals(401, call(TRUSTED, "GET", "admin/keys/list.xhtml", null, Map.of()).status());
    }

    @Test
    void offboardedSsoUserIsLockedOut() throws IOException {
        String admin = Api.unique("sso-admin");
        String leaver = Api.unique("sso-leaver");
        Map<String, String> asAdmin = Map.of("X-Auth-User", admin, "X-Auth-Groups", "platform-admins");
        RawHttp.Answer me = call(TRUSTED, "GET", "api/v1/me", null, Map.of("X-Auth-User", leaver));
        assertEquals(200, me.status());
        String id = me.body().replaceAll(".*\"id\":\"(mem_[^\"]+)\".*", "$1");
        RawHttp.Answer offboard = call(TRUSTED, "POST", "api/v1/members/" + id + "/offboard", "{}", asAdmin);
        assertEquals(200, offboard.status(), offboard::toString);
        assertEquals(401, call(TRUSTED, "GET", "api/v1/me", null, Map.of("X-Auth-User", leaver)).status());
        assertEquals(401, call(TRUSTED, "GET", "admin/index.xhtml", null, Map.of("X-Auth-User", leaver)).status());
    }

    private RawHttp.Answer call(String from, String method, String path, String json, Map<String, String> headers)
            throws IOException {
        return RawHttp.exchange(url, from, method, path, json, "application/json", headers);
    }

    private RawHttp.Answer exchange(String from, String method, String path, String json, String contentType,
            Map<String, String> headers) throws IOException {
        return RawHttp.exchange(url, from, method, path, json, contentType, headers);
    }
}
