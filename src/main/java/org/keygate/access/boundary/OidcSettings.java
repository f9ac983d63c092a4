package org.keygate.access.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The identity provider of {@code oidc} mode. Named {@code oidcSettings} because the Jakarta
 * Security {@code @OpenIdAuthenticationMechanismDefinition} of {@link OidcLogin} reads these values
 * through EL, so one set of {@code keygate.auth.oidc.*} properties configures both the page login
 * and the API's bearer-token check.
 */
@ApplicationScoped
@Named("oidcSettings")
public class OidcSettings {

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.client-id")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.scopes", defaultValue = "openid profile email")
    String scopes;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.username-claim", defaultValue = "sub")
    String usernameClaim;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.groups-claim", defaultValue = "groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "keygate.public-url", defaultValue = "http://localhost:8080/")
    String publicUrl;

    public String getIssuer() {
        return required(issuer, "keygate.auth.oidc.issuer");
    }

    /** The issuer without a trailing slash: Jakarta Security appends the discovery path itself. */
    public String getProviderUri() {
        String uri = getIssuer();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    public String getClientId() {
        return required(clientId, "keygate.auth.oidc.client-id");
    }

    public String getClientSecret() {
        return clientSecret.orElse("");
    }

    /** Space-separated, as in the OAuth {@code scope} parameter (Soteria evaluates the expression to a String). */
    public String getScopes() {
        return String.join(" ", AuthSettings.list(scopes));
    }

    public String getUsernameClaim() {
        return usernameClaim;
    }

    public String getGroupsClaim() {
        return groupsClaim;
    }

    /** The audience an API bearer token must carry; the client id unless configured. */
    public String getAudience() {
        return audience.filter(a -> !a.isBlank()).orElseGet(this::getClientId);
    }

    /** Where the IdP sends the browser back: {@code <public-url>oidc/callback}. */
    public String getRedirectUri() {
        return (publicUrl.endsWith("/") ? publicUrl : publicUrl + "/") + "oidc/callback";
    }

    private static String required(Optional<String> value, String name) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException(name + " must be set when keygate.auth.mode=oidc"));
    }
}
