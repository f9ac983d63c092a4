package org.keygate.access.boundary;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

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
    @ConfigProperty(name = "keygate.auth.oidc.allowed-clients")
    Optional<String> allowedClients;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.service-clients")
    Optional<String> serviceClients;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.clock-skew-seconds", defaultValue = "30")
    long clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "keygate.auth.oidc.jwks-refresh-seconds", defaultValue = "30")
    long jwksRefreshSeconds;

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

    /**
     * The clients whose people's tokens the API accepts: Keygate's own client and
     * {@code keygate.auth.oidc.allowed-clients} (a token's {@code azp} must be one of them, see
     * {@link org.keygate.access.control.Jwt.Checks}).
     */
    public Set<String> getPersonClients() {
        Set<String> out = new LinkedHashSet<>();
        out.add(getClientId());
        out.addAll(AuthSettings.list(allowedClients.orElse(null)));
        return out;
    }

    /** {@code keygate.auth.oidc.service-clients}: clients whose own (client-credentials) tokens act as SERVICE. */
    public Set<String> getServiceClients() {
        return AuthSettings.list(serviceClients.orElse(null));
    }

    /** How far the IdP's clock may be from Keygate's when {@code exp}, {@code nbf} and {@code iat} are checked. */
    public Duration getClockSkew() {
        return Duration.ofSeconds(Math.max(0, clockSkewSeconds));
    }

    /** The least time between two fetches of the IdP's keys (a token with an unknown key id asks for one). */
    public Duration getJwksRefreshInterval() {
        return Duration.ofSeconds(Math.max(1, jwksRefreshSeconds));
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
