package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keygate.it.pages.Layout;
import org.openqa.selenium.By;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * {@code oidc} mode against a real OpenID Connect provider (mock-oauth2-server) that this test
 * starts on 127.0.0.1 before the deployment, so the deployment can be configured with its issuer:
 * the page login goes to the IdP and back through Jakarta Security, the groups claim gives the
 * organisation role, and the management API takes the IdP's bearer tokens — but not ones for
 * another audience, from another issuer, or asked for by a client that is neither Keygate nor
 * allowed; a service client's own client-credentials token is a SERVICE caller, and a token
 * signed with a new key of the IdP is accepted once its keys rotated.
 */
@RunAsClient
@ExtendWith(Browser.PerClass.class)
class OidcIT extends OwnDeployment {

    static final String ISSUER_ID = "keygate-it";
    static final String CLIENT_ID = "keygate";
    /** Another client of the realm whose people's tokens Keygate accepts (keygate.auth.oidc.allowed-clients). */
    static final String ALLOWED_CLIENT = "reports-app";
    /** A client whose own client-credentials tokens act as SERVICE (keygate.auth.oidc.service-clients). */
    static final String SERVICE_CLIENT = "billing-bot";
    static final KeyProvider keys = new KeyProvider();
    static MockOAuth2Server idp;

    @Deployment(testable = false)
    static WebArchive deployment() throws UnknownHostException {
        idp = new MockOAuth2Server(new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys)));
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        return Deployments.keygate(Map.of("keygate.auth.mode", "oidc", "keygate.auth.oidc.issuer",
                idp.issuerUrl(ISSUER_ID).toString(), "keygate.auth.oidc.client-id", CLIENT_ID,
                "keygate.auth.oidc.client-secret", "it-client-secret",
                "keygate.auth.oidc.allowed-clients", ALLOWED_CLIENT,
                "keygate.auth.oidc.service-clients", SERVICE_CLIENT,
                "keygate.auth.oidc.jwks-refresh-seconds", "1",
                "keygate.auth.groups.teams", "payments-leads=" + TEAM + ":TEAM_ADMIN"));
    }

    @AfterAll
    static void stopIdp() {
        if (idp != null) {
            idp.shutdown();
        }
    }

    private static DefaultOAuth2TokenCallback user(String issuerId, String subject, String audience, List<String> groups) {
        return new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(audience),
                Map.of("groups", groups, "name", "Name of " + subject), 3600);
    }

    /** A person's access token through {@code client}, for Keygate and another audience (as Keycloak's carry {@code account}). */
    private static String through(String client, String subject, List<String> groups) {
        return idp.issueToken(ISSUER_ID, client, new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT",
                List.of(CLIENT_ID, "account"), Map.of("groups", groups, "azp", client, "sid", Api.unique("sid")), 3600))
                .serialize();
    }

    /**
     * A client-credentials grant at the IdP's token endpoint, answered the way Keycloak answers a
     * service account's: {@code azp} and {@code client_id} the client, the subject the service
     * account, no user session, and an audience mapper adding {@code keygate}.
     */
    private static String clientCredentials(String client) throws Exception {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, java.util.UUID.randomUUID().toString(), "JWT",
                List.of(CLIENT_ID, "account"), Map.of("azp", client, "client_id", client,
                        "preferred_username", "service-account-" + client), 3600));
        String basic = java.util.Base64.getEncoder().encodeToString((client + ":its-secret").getBytes());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(idp.tokenEndpointUrl(ISSUER_ID).uri())
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=keygate")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer::body);
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(answer.body()))) {
            return reader.readObject().getString("access_token");
        }
    }

    @Test
    void pageLoginGoesThroughTheIdentityProviderAndMapsGroupsToRoles() {
        String subject = Api.unique("oidc-admin");
        idp.enqueueCallback(user(ISSUER_ID, subject, CLIENT_ID, List.of("staff", "keygate-admins")));
        try (Browser browser = Browser.open(url)) {
            browser.go("admin/keys/list.xhtml");
            browser.waiting().until(d -> d.getCurrentUrl().contains("/admin/keys/list.xhtml"));
            Layout page = new Layout(browser);
            assertEquals(subject, page.user());
            assertEquals("Org admin", browser.driver().findElement(By.cssSelector(".kg-role")).getText());
            assertTrue(page.menu().contains("Audit log"));
            assertTrue(browser.driver().manage().getCookieNamed("KEYGATE_SESSION").isHttpOnly());
        }
        // The provisioned member is visible to the API, with the IdP's subject as user name.
        String token = idp.issueToken(ISSUER_ID, CLIENT_ID, user(ISSUER_ID, Api.unique("oidc-reader"), CLIENT_ID,
                List.of("keygate-auditors"))).serialize();
        Api.Resp members = bearer(token).get("api/v1/members?size=200");
        assertEquals(200, members.status(), members::toString);
        assertTrue(members.body().contains("\"username\":\"" + subject + "\""), members::toString);
    }

    @Test
    void aPersonWithoutAdminGroupGetsNoOrgRole() {
        String subject = Api.unique("oidc-member");
        try (Browser browser = Browser.open(url)) {
            logIn(browser, subject, List.of("staff"), "admin/index.xhtml");
            assertEquals(subject, new Layout(browser).user());
            assertEquals("Member", browser.driver().findElement(By.cssSelector(".kg-role")).getText());
            browser.go("admin/audit/list.xhtml");
            assertTrue(browser.driver().getPageSource().contains("There is nothing here"));
        }
    }

    @Test
    void bearerAccessTokensWorkOnTheApiWithTheRightIssuerAndAudienceOnly() {
        String auditor = Api.unique("oidc-auditor");
        String good = idp.issueToken(ISSUER_ID, CLIENT_ID, user(ISSUER_ID, auditor, CLIENT_ID, List.of("keygate-auditors")))
                .serialize();
        Api.Resp me = bearer(good).get("api/v1/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals(auditor, me.str("username"));
        assertEquals("AUDITOR", me.str("org_role"), me::toString);
        assertEquals("groups", me.str("org_role_source"));
        assertEquals(200, bearer(good).get("api/v1/audit/verify").status(), "AUDITOR from the groups claim");
        assertEquals(403, bearer(good).post("api/v1/teams", "{\"name\":\"" + Api.unique("t") + "\"}").status(),
                "an AUDITOR changes nothing");

        String otherAudience = idp.issueToken(ISSUER_ID, CLIENT_ID, user(ISSUER_ID, auditor, "another-app",
                List.of("keygate-admins"))).serialize();
        Api.Resp refused = bearer(otherAudience).get("api/v1/me");
        assertEquals(401, refused.status(), refused::toString);
        assertTrue(refused.header("WWW-Authenticate").startsWith("Bearer"));

        String otherIssuer = idp.issueToken("another-issuer", CLIENT_ID, user("another-issuer", auditor, CLIENT_ID,
                List.of("keygate-admins"))).serialize();
        assertEquals(401, bearer(otherIssuer).get("api/v1/me").status());
        assertEquals(401, bearer(good.substring(0, good.length() - 4) + "AAAA").get("api/v1/me").status(), "bad signature");
        String basic = java.util.Base64.getEncoder().encodeToString(("admin:" + Deployments.ADMIN_PASSWORD).getBytes());
        assertEquals(401, Api.at(url).anonymous().send("GET", "api/v1/me", null, Map.of("Authorization", "Basic " + basic))
                .status(), "no local passwords in oidc mode");
    }

    @Test
    void logoutEndsTheSessionAtTheIdentityProviderTooAndTheNextVisitLogsInAgain() {
        String subject = Api.unique("oidc-leaver");
        try (Browser browser = Browser.open(url)) {
            logIn(browser, subject, List.of("staff"), "admin/index.xhtml");
            Layout page = new Layout(browser);
            assertEquals(subject, page.user());
            recorded(); // what the login asked the IdP
            page.logOut();

            String loginPage = browser.url("login.xhtml?loggedOut=true");
            assertEquals(loginPage, browser.driver().getCurrentUrl(), "back on Keygate's login page");
            assertTrue(browser.driver().getPageSource().contains("You are logged out."));
            HttpUrl endSession = recorded().stream().map(RecordedRequest::getRequestUrl)
                    .filter(u -> u.encodedPath().endsWith("/" + ISSUER_ID + "/endsession")).findFirst()
                    .orElseThrow(() -> new AssertionError("the browser never reached the IdP's end-session endpoint"));
            assertEquals(loginPage, endSession.queryParameter("post_logout_redirect_uri"));
            assertEquals(CLIENT_ID, endSession.queryParameter("client_id"));
            String hint = endSession.queryParameter("id_token_hint");
            assertTrue(hint != null && hint.split("\\.").length == 3, "the login's ID token as the hint: " + endSession);
            assertTrue(new String(java.util.Base64.getUrlDecoder().decode(hint.split("\\.")[1]))
                    .contains("\"sub\":\"" + subject + "\""), "the hint is the ID token of this login");

            // The next visit is a new login at the IdP, here by somebody else.
            String next = Api.unique("oidc-next");
            logIn(browser, next, List.of("staff"), "admin/index.xhtml");
            assertEquals(next, new Layout(browser).user());
            assertTrue(recorded().stream().anyMatch(r -> r.getRequestUrl().encodedPath().endsWith("/authorize")),
                    "the visit after logout went through the IdP's login");
        }
    }

    @Test
    void anotherClientsTokenNamingKeygateIsRefusedUnlessThatClientIsAllowed() {
        String subject = Api.unique("oidc-azp");
        Api.Resp own = bearer(through(CLIENT_ID, subject, List.of("staff"))).get("api/v1/me");
        assertEquals(200, own.status(), own::toString);
        Api.Resp other = bearer(through("other-app", subject, List.of("keygate-admins"))).get("api/v1/me");
        assertEquals(401, other.status(), "a token other-app asked for, though its audience names keygate: " + other);
        assertTrue(other.header("WWW-Authenticate").startsWith("Bearer"));
        Api.Resp allowed = bearer(through(ALLOWED_CLIENT, subject, List.of("staff"))).get("api/v1/me");
        assertEquals(200, allowed.status(), "listed in keygate.auth.oidc.allowed-clients: " + allowed);
        assertEquals(subject, allowed.str("username"));
    }

    /** The team keygate.auth.groups.teams names: created by the first test that needs it. */
    static final String TEAM = Api.unique("oidc-payments");

    @Test
    void aBearerTokensGroupsGiveTeamRolesAndTakeThemAway() {
        String admin = through(CLIENT_ID, Api.unique("oidc-team-admin"), List.of("keygate-admins"));
        Api.Resp team = bearer(admin).post("api/v1/teams", "{\"name\":\"" + TEAM + "\"}");
        assertEquals(201, team.status(), team::toString);
        String lead = Api.unique("oidc-lead");
        Api.Resp key = bearer(through(CLIENT_ID, lead, List.of("payments-leads"))).post("api/v1/keys",
                "{\"team_id\":\"" + team.str("id") + "\",\"name\":\"ci\"}");
        assertEquals(201, key.status(), "TEAM_ADMIN from the table, at the token's first use: " + key);
        Api.Resp me = bearer(through(CLIENT_ID, lead, List.of("staff"))).get("api/v1/me");
        assertEquals(200, me.status(), me::toString);
        Api.Resp member = bearer(admin).get("api/v1/members/" + me.str("id"));
        assertEquals(0, member.json().getJsonArray("memberships").size(), "out of the group, out of the team: " + member);
        Api.Resp keyAfter = bearer(admin).get("api/v1/keys/" + key.str("id"));
        assertEquals("deactivated", keyAfter.str("status"), "and their key there deactivated: " + keyAfter);
    }

    @Test
    void meTellsTheOrgRoleTheGroupsGive() {
        String admin = Api.unique("oidc-me-admin");
        Api.Resp me = bearer(through(CLIENT_ID, admin, List.of("staff", "keygate-admins"))).get("api/v1/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals("ORG_ADMIN", me.str("org_role"), me::toString);
        assertEquals("groups", me.str("org_role_source"));
        Api.Resp again = bearer(through(CLIENT_ID, admin, List.of("staff"))).get("api/v1/me");
        assertTrue(again.json().isNull("org_role"), "out of the group, the role is gone: " + again);
        assertEquals("keygate", again.str("org_role_source"));
    }

    @Test
    void aServiceClientsOwnTokenIsAServiceCallerAndAnyOtherClientsIsRefused() throws Exception {
        Api service = bearer(clientCredentials(SERVICE_CLIENT));
        Api.Resp me = service.get("api/v1/me");
        assertEquals(200, me.status(), me::toString);
        assertEquals("service:" + SERVICE_CLIENT, me.str("username"));
        assertEquals("SERVICE", me.str("org_role"));
        assertEquals("service", me.str("org_role_source"));
        Api.Resp verdict = service.post("api/v1/verify", "{\"key\":\"ck-not-a-key\"}");
        assertEquals(200, verdict.status(), "the service endpoints are its own: " + verdict);
        assertEquals(false, verdict.json().getBoolean("valid"));
        assertEquals(403, service.post("api/v1/teams", "{\"name\":\"" + Api.unique("t") + "\"}").status(),
                "a service changes nothing through the admin API");
        for (String list : List.of("api/v1/keys?size=10", "api/v1/members?size=10", "api/v1/alerts?size=10")) {
            Api.Resp read = service.get(list);
            assertEquals(200, read.status(), "no member behind it, so it owns and sees nothing: " + read);
            assertEquals(0, read.items().size(), read::toString);
        }

        String stranger = clientCredentials("other-app");
        assertEquals(401, bearer(stranger).get("api/v1/me").status(), "a client that is not a service client");
        String own = clientCredentials(CLIENT_ID);
        assertEquals(401, bearer(own).get("api/v1/me").status(), "Keygate's own client's service account is no person");
        String admin = bearer(through(CLIENT_ID, Api.unique("oidc-lister"), List.of("keygate-admins")))
                .get("api/v1/members?size=200").body();
        assertFalse(admin.contains("service-account-"), "no service account was provisioned as a member");
        assertFalse(admin.contains("service:"), "nor the service client");
    }

    @Test
    void aTokenSignedWithTheIdentityProvidersNewKeyIsAcceptedAfterARotation() throws Exception {
        String subject = Api.unique("oidc-rotation");
        String signedWithOldKey = through(CLIENT_ID, subject, List.of("staff"));
        assertEquals(200, bearer(signedWithOldKey).get("api/v1/me").status());
        JWK before = rotate(new RSAKeyGenerator(2048).keyID(Api.unique("rotated")).generate());
        try {
            String signedWithNewKey = through(CLIENT_ID, subject, List.of("staff"));
            assertFalse(before.getKeyID().equals(SignedJWT.parse(signedWithNewKey).getHeader().getKeyID()));
            Eventually.await("a token signed with the new key accepted")
                    .until(() -> bearer(signedWithNewKey).get("api/v1/me").status() == 200);
            assertEquals(401, bearer(signedWithOldKey).get("api/v1/me").status(),
                    "the IdP no longer publishes the old key, so what it signed is no longer believed");
        } finally {
            rotate(before); // back to the key the page logins of the other tests are checked with
            Eventually.await("the earlier key accepted again")
                    .until(() -> bearer(through(CLIENT_ID, subject, List.of("staff"))).get("api/v1/me").status() == 200);
        }
    }

    /**
     * Replaces the IdP's signing key (its JWKS then publishes only the new one) and returns the old
     * one. mock-oauth2-server has no rotation of its own; its keys are per issuer in the
     * {@link KeyProvider}, whose map this swaps.
     */
    @SuppressWarnings("unchecked")
    private static JWK rotate(JWK next) throws ReflectiveOperationException {
        java.lang.reflect.Field field = KeyProvider.class.getDeclaredField("signingKeys");
        field.setAccessible(true);
        return ((Map<String, JWK>) field.get(keys)).put(ISSUER_ID, next);
    }

    /** Opens {@code page}, which sends the browser to the IdP, which logs {@code subject} in and sends it back there. */
    private static void logIn(Browser browser, String subject, List<String> groups, String page) {
        idp.enqueueCallback(user(ISSUER_ID, subject, CLIENT_ID, groups));
        browser.go(page);
        browser.waiting().until(d -> d.getCurrentUrl().contains("/" + page));
    }

    /** The requests the IdP has received since the last call (mock-oauth2-server records every one). */
    private static List<RecordedRequest> recorded() {
        List<RecordedRequest> all = new java.util.ArrayList<>();
        while (true) {
            try {
                all.add(idp.takeRequest(200, TimeUnit.MILLISECONDS));
            } catch (RuntimeException noneLeft) { // it throws rather than answer null when the queue is empty
                return all;
            }
        }
    }

    private Api bearer(String token) {
        return Api.at(url).withAuthorization("Bearer " + token);
    }
}
