package org.keygate.access.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;

/**
 * The Jakarta Security OpenID Connect login of the admin pages in {@code oidc} mode (authorization
 * code flow, state and nonce checked by the server's implementation). The values come from
 * {@link OidcSettings} ({@code keygate.auth.oidc.*}). The definition only exists in {@code oidc}
 * mode: {@link OidcActivation} removes this bean otherwise, so {@code local} and {@code header}
 * run with no Jakarta Security mechanism at all. After the IdP's redirect back, the mechanism
 * authenticates the request to {@code /oidc/callback}, where {@link OidcCallback} starts the
 * Keygate session.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${oidcSettings.providerUri}",
        clientId = "${oidcSettings.clientId}",
        clientSecret = "${oidcSettings.clientSecret}",
        redirectURI = "${baseURL}/oidc/callback",
        scopeExpression = "${oidcSettings.scopes}",
        claimsDefinition = @ClaimsDefinition(
                callerNameClaim = "${oidcSettings.usernameClaim}",
                callerGroupsClaim = "${oidcSettings.groupsClaim}"),
        redirectToOriginalResource = false,
        useSession = true)
public class OidcLogin {

    /** Session attribute: the page to return to after the IdP login. */
    public static final String RETURN_TO = "keygate.returnTo";
}
