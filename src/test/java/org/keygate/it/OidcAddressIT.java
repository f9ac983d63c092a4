package org.keygate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Where an {@code oidc} login can start (docs/authentication.md, "Behind a proxy"). The server's
 * OpenID Connect mechanism builds its {@code redirect_uri} from the server's own view of the request
 * and matches the callback against it, so Keygate lets a login start only where that view, the
 * address the browser used (as a trusted proxy reports it) and {@code keygate.public-url} agree, and
 * otherwise answers 421 with what to change — rather than the IdP's "invalid redirect_uri" or a
 * callback that fails after the person signed in. A proxy's headers from an untrusted peer are not
 * believed. 127.0.0.1 is the trusted proxy, 127.0.0.2 anyone else.
 */
@RunAsClient
class OidcAddressIT extends OwnDeployment {

    static final String PUBLIC = "https://keygate.example.com/";
    static final String TRUSTED_PROXY = "127.0.0.1";
    static final String UNTRUSTED = "127.0.0.2";
    static MockOAuth2Server idp;

    @Deployment(testable = false)
    static WebArchive deployment() throws UnknownHostException {
        idp = new MockOAuth2Server();
        idp.start(InetAddress.getByName("127.0.0.1"), 0);
        return Deployments.keygate(Map.of("keygate.auth.mode", "oidc", "keygate.auth.oidc.issuer",
                idp.issuerUrl("keygate-it").toString(), "keygate.auth.oidc.client-id", "keygate",
                "keygate.auth.oidc.client-secret", "it-client-secret", "keygate.trusted-proxies", "127.0.0.1/32",
                "keygate.public-url", PUBLIC));
    }

    @AfterAll
    static void stopIdp() {
        if (idp != null) {
            idp.shutdown();
        }
    }

    private RawHttp.Answer page(String from, Map<String, String> headers) throws IOException {
        return RawHttp.exchange(url, from, "GET", "admin/index.xhtml", null, null, headers);
    }

    private String here() {
        return "http://127.0.0.1:" + url.getPort() + "/";
    }

    @Test
    void openedAtAnotherAddressThanThePublicOneTheLoginSaysWhereToGo() throws IOException {
        RawHttp.Answer answer = page(TRUSTED_PROXY, Map.of());
        assertEquals(421, answer.status(), answer::toString);
        assertTrue(answer.body().contains("registered at the identity provider for " + PUBLIC)
                && answer.body().contains("opened at " + here()) && answer.body().contains("Open " + PUBLIC + " instead"),
                answer::body);
        assertEquals(true, answer.headers().get("content-type").startsWith("text/html"), answer.headers()::toString);
    }

    @Test
    void behindATrustedProxyTheServersOwnViewMustBeThePublicAddressToo() throws IOException {
        for (Map<String, String> proxy : java.util.List.of(
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "keygate.example.com"),
                Map.of("Forwarded", "for=203.0.113.7;proto=https;host=keygate.example.com"))) {
            RawHttp.Answer answer = page(TRUSTED_PROXY, proxy);
            assertEquals(421, answer.status(), answer::toString);
            assertTrue(answer.body().contains("The browser uses " + PUBLIC + " but this server sees the request as " + here())
                    && answer.body().contains("proxy-address-forwarding"), "the server does not take the proxy's view: " + answer);
        }
    }

    @Test
    void anUntrustedPeersProxyHeadersAreNotBelieved() throws IOException {
        RawHttp.Answer answer = page(UNTRUSTED, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "keygate.example.com",
                "Forwarded", "proto=https;host=keygate.example.com"));
        assertEquals(421, answer.status(), answer::toString);
        assertTrue(answer.body().contains("opened at " + here()), "its own view, not the headers: " + answer.body());
    }

    @Test
    void theApiIsNotAffected() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(url, UNTRUSTED, "GET", "api/v1/me", null, null, Map.of());
        assertEquals(401, answer.status(), "bearer tokens work at any address: " + answer);
    }

}
