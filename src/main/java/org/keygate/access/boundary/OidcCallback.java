package org.keygate.access.boundary;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.JwtClaims;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.keygate.access.entity.OrgRole;

/**
 * {@code /oidc/callback}: by the time a request gets here, Jakarta Security's OpenID Connect
 * mechanism has exchanged the code and verified the ID token. This maps the user to a member
 * (by the configured username claim; unknown users are provisioned when
 * {@code keygate.auth.auto-provision}), takes the org role from the groups claim, starts the
 * Keygate session with a fresh id and returns to the page that asked for the login.
 */
@WebServlet(name = "OidcCallback", urlPatterns = "/oidc/callback")
public class OidcCallback extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(OidcCallback.class.getName());

    @Inject
    Instance<OpenIdContext> openId;

    @Inject
    OidcSettings oidc;

    @Inject
    AuthSettings settings;

    @Inject
    Accounts accounts;

    @Inject
    Authentication authentication;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.mode() != AuthMode.OIDC || request.getUserPrincipal() == null || openId.isUnsatisfied()) {
            response.sendError(401);
            return;
        }
        OpenIdContext context = openId.get();
        JwtClaims idToken = context.getIdentityToken().getJwtClaims();
        JwtClaims accessToken = context.getAccessToken().isJWT() ? context.getAccessToken().getJwtClaims() : null;
        String username = claim(idToken, accessToken, oidc.getUsernameClaim()).orElse(context.getSubject());
        Set<String> groups = new HashSet<>(idToken.getArrayStringClaim(oidc.getGroupsClaim()));
        if (accessToken != null) {
            groups.addAll(accessToken.getArrayStringClaim(oidc.getGroupsClaim()));
        }
        OrgRole groupRole = settings.orgRoleFor(groups);
        Optional<Accounts.Principal> principal = accounts.sso(username, idToken.getStringClaim("name").orElse(null),
                idToken.getStringClaim("email").orElse(null), groupRole, settings.teamRolesFor(groups), settings.autoProvision(),
                authentication.clientIp(request));
        if (principal.isEmpty()) {
            LOG.info(() -> "OIDC login refused for '" + username + "': unknown or offboarded member");
            response.sendError(403);
            return;
        }
        HttpSession session = request.getSession(true);
        Object back = session.getAttribute(OidcLogin.RETURN_TO);
        session.removeAttribute(OidcLogin.RETURN_TO);
        authentication.startSession(request, principal.get(), groupRole);
        request.getSession().setAttribute(Authentication.SESSION_ID_TOKEN, context.getIdentityToken().getToken());
        String target = back instanceof String s && s.startsWith("/admin/") && !s.startsWith("//") ? s : "/admin/index.xhtml";
        response.sendRedirect(request.getContextPath() + target);
    }

    private static Optional<String> claim(JwtClaims idToken, JwtClaims accessToken, String name) {
        Optional<String> value = idToken.getStringClaim(name);
        return value.isPresent() || accessToken == null ? value : accessToken.getStringClaim(name);
    }
}
