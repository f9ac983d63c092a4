package org.keygate.setup.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.keygate.access.boundary.AuthMode;

class StartBannerTest {

    static final String URL = "https://keygate.example.com/";
    static final String ISSUER = "https://sso.example.com/realms/acme";

    @Test
    void localModeTellsTheAdminsPasswordAndBasicAuth() {
        String generated = StartBanner.text(AuthMode.LOCAL, URL, null, "s3cret-Generated-pw");
        assertTrue(generated.contains("Keygate is ready at " + URL));
        assertTrue(generated.contains("user 'admin', generated password: s3cret-Generated-pw"));
        assertTrue(generated.contains(URL + "api/v1  (HTTP Basic)"));
        String given = StartBanner.text(AuthMode.LOCAL, "http://127.0.0.1:8081", null, null);
        assertTrue(given.contains("http://127.0.0.1:8081/api/v1  (HTTP Basic)"), given);
        assertTrue(given.contains("KEYGATE_ADMIN_PASSWORD"));
    }

    @Test
    void oidcModeSendsPeopleToTheIdentityProviderAndTheApiToItsTokens() {
        String text = StartBanner.text(AuthMode.OIDC, URL, ISSUER, "never-shown-password");
        assertTrue(text.contains("Log in at " + URL + "admin/index.xhtml  (sign in with " + ISSUER + ")"), text);
        assertTrue(text.contains("Management API: " + URL + "api/v1  (bearer tokens from " + ISSUER + ")"), text);
        assertNoLocalLogin(text);
    }

    @Test
    void headerModeSaysThePagesAreBehindTheSsoProxy() {
        String text = StartBanner.text(AuthMode.HEADER, URL, ISSUER, "never-shown-password");
        assertTrue(text.contains(URL + "admin/index.xhtml, behind the SSO proxy"), text);
        assertFalse(text.contains(ISSUER), "no IdP of Keygate's own in header mode");
        assertNoLocalLogin(text);
    }

    private static void assertNoLocalLogin(String text) {
        assertFalse(text.contains("never-shown-password"), text);
        assertFalse(text.contains("'admin'"), text);
        assertFalse(text.contains("Basic"), text);
        assertFalse(text.contains("KEYGATE_ADMIN_PASSWORD"), text);
    }
}
