package org.keygate.access.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.keygate.platform.boundary.ExternalUrls;

/**
 * Where the browser goes once Keygate's session has ended. Ending Keygate's session alone does not
 * log anyone out where an SSO session lives elsewhere: in {@code oidc} mode the next visit would be
 * signed in again silently by the IdP, so the browser is sent to the IdP's
 * {@code end_session_endpoint} (OpenID Connect RP-Initiated Logout) with the login's ID token as
 * {@code id_token_hint}, the client id, and Keygate's login page as {@code post_logout_redirect_uri};
 * in {@code header} mode to the SSO proxy's logout URL when one is configured. Otherwise, and when
 * the IdP publishes no end-session endpoint, to Keygate's own login page.
 */
@ApplicationScoped
public class LogoutTarget {

    /** The page the browser ends on, relative to the application. */
    static final String LOGGED_OUT = "login.xhtml?loggedOut=true";

    @Inject
    AuthSettings settings;

    @Inject
    OidcSettings oidc;

    @Inject
    OidcDiscovery discovery;

    @Inject
    ExternalUrls urls;

    /** The target after logout; {@code idToken} is the ID token of the login, or null. */
    public String after(HttpServletRequest request, String idToken) {
        String loggedOut = urls.of(request, LOGGED_OUT);
        return switch (settings.mode()) {
            case OIDC -> settings.rpLogout() ? discovery.endSessionEndpoint()
                    .map(endpoint -> endSession(endpoint, idToken, oidc.getClientId(), loggedOut)).orElse(loggedOut)
                    : loggedOut;
            case HEADER -> settings.headerLogoutUrl().orElse(loggedOut);
            case LOCAL -> loggedOut;
        };
    }

    /** Whether {@code target} is on this server (a path, or under Keygate's own root): a redirect may go there. */
    public boolean sameOrigin(HttpServletRequest request, String target) {
        return target.startsWith("/") && !target.startsWith("//") || target.startsWith(urls.root(request));
    }

    /**
     * A page that sends the browser on to {@code target} without a redirect of the logout form's
     * POST: the pages' CSP ({@code form-action 'self'}) makes the browser refuse a form submission
     * that is redirected to another origin, such as the IdP's. A meta refresh is a navigation of its
     * own, which that directive does not govern; the link is there for a browser that does not follow it.
     */
    static String leavingPage(String target) {
        String href = target.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url="
                + href + "\"><title>Logging out</title></head><body><p>You are logged out of Keygate. <a href=\""
                + href + "\">Continue</a></p></body></html>";
    }

    /** The end-session endpoint with the RP-initiated logout parameters added to its own query, if any. */
    static String endSession(String endpoint, String idToken, String clientId, String postLogoutRedirect) {
        StringBuilder url = new StringBuilder(endpoint).append(endpoint.indexOf('?') >= 0 ? '&' : '?');
        Optional.ofNullable(idToken).filter(t -> !t.isBlank())
                .ifPresent(t -> url.append("id_token_hint=").append(encode(t)).append('&'));
        return url.append("client_id=").append(encode(clientId))
                .append("&post_logout_redirect_uri=").append(encode(postLogoutRedirect)).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
