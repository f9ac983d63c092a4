package org.keygate.access.boundary;

import java.security.PublicKey;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.keygate.access.control.Jwt;
import org.keygate.access.control.SigningKeys;

/**
 * Checks the IdP's bearer access tokens on the management API in {@code oidc} mode (see
 * {@link Jwt} for what is verified: signature, issuer, audience, authorized party, times). The keys
 * come from the {@code jwks_uri} of the issuer's discovery document, fetched on first use, cached,
 * and fetched again when a token names a key id the cache does not know (the IdP rotated its keys)
 * — at most once per {@code keygate.auth.oidc.jwks-refresh-seconds}, shared by concurrent callers
 * ({@link SigningKeys}).
 *
 * <p>A token is a person's, or a client's own. A client's own token (OAuth client-credentials: no
 * person signed in) is recognised by having no user session — neither {@code sid} nor
 * {@code session_state} — and naming its client, in {@code client_id} (Keycloak's service accounts,
 * RFC 9068) or as a {@code sub} equal to its {@code azp} (RFC 9068 §2.2). It acts as the SERVICE
 * org role when the client is one of {@code keygate.auth.oidc.service-clients}, and is refused
 * otherwise: a machine account is never provisioned as a member. A person's token must come through
 * Keygate's client or one of {@code keygate.auth.oidc.allowed-clients}.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());

    @Inject
    OidcSettings oidc;

    @Inject
    OidcDiscovery discovery;

    @Inject
    Clock clock;

    private SigningKeys signingKeys;

    @PostConstruct
    void init() {
        signingKeys = new SigningKeys(() -> discovery.fetch(discovery.document().getString("jwks_uri")),
                oidc.getJwksRefreshInterval(), clock);
    }

    /**
     * What a verified token says about its holder: a person, or with {@code serviceClient} set the
     * client of a client-credentials token (no person, no member).
     */
    public record Identity(String username, String displayName, String email, Set<String> groups, String serviceClient) {

        static Identity service(String client) {
            return new Identity(null, null, null, Set.of(), client);
        }

        public boolean isService() {
            return serviceClient != null;
        }
    }

    /** The identity of a valid {@code Authorization: Bearer} token, or empty for anything else. */
    public Optional<Identity> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > 16_384) {
            return Optional.empty();
        }
        try {
            Map<String, PublicKey> keys = signingKeys.forKeyId(Jwt.keyId(token));
            Set<String> people = oidc.getPersonClients();
            Set<String> services = oidc.getServiceClients();
            Set<String> parties = new HashSet<>(people);
            parties.addAll(services);
            JsonObject claims = Jwt.verify(token, keys, new Jwt.Checks(oidc.getIssuer(), oidc.getAudience(), parties,
                    oidc.getClockSkew()), clock.instant());
            Optional<String> client = ownClient(claims);
            if (client.isPresent()) {
                if (!services.contains(client.get())) {
                    throw new Jwt.Invalid("a client-credentials token of '" + client.get()
                            + "', which is not one of keygate.auth.oidc.service-clients");
                }
                return Optional.of(Identity.service(client.get()));
            }
            String azp = text(claims, "azp");
            if (azp != null && !people.contains(azp)) {
                throw new Jwt.Invalid("a person's token through '" + azp + "', which is a service client only");
            }
            JsonValue name = claims.get(oidc.getUsernameClaim());
            if (!(name instanceof JsonString username) || username.getString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Identity(username.getString(), text(claims, "name"), text(claims, "email"),
                    groups(claims.get(oidc.getGroupsClaim())), null));
        } catch (Jwt.Invalid e) {
            LOG.fine(() -> "bearer token refused: " + e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "bearer token could not be checked (identity provider unreachable?)", e);
            return Optional.empty();
        }
    }

    /**
     * The client of a client's own token (client-credentials grant), or empty for a person's: no
     * user session ({@code sid}, {@code session_state}) and a client named by {@code client_id}
     * (Keycloak), a subject that is the {@code azp} itself (RFC 9068) or Okta's {@code cid}, or an
     * {@code azp} with Entra ID's {@code idtyp=app}. An {@code azp} that names another client than
     * {@code client_id} makes it nobody's.
     */
    static Optional<String> ownClient(JsonObject claims) throws Jwt.Invalid {
        if (claims.containsKey("sid") || claims.containsKey("session_state")) {
            return Optional.empty();
        }
        String azp = text(claims, "azp");
        String clientId = text(claims, "client_id");
        if (clientId != null) {
            if (azp != null && !azp.equals(clientId)) {
                throw new Jwt.Invalid("client_id and azp name different clients");
            }
            return Optional.of(clientId);
        }
        if (azp != null && ("app".equals(text(claims, "idtyp")) || azp.equals(text(claims, "sub")))) {
            return Optional.of(azp); // Entra ID marks an app-only token idtyp=app (optional claim); RFC 9068: sub = client
        }
        String cid = text(claims, "cid"); // Okta: cid is the client; a client-credentials token's subject is that client
        return cid != null && cid.equals(text(claims, "sub")) ? Optional.of(cid) : Optional.empty();
    }

    private static String text(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonString s ? s.getString() : null;
    }
    /** A groups claim as a list of names (Keycloak, Entra ID, Okta) or one comma-separated string. */
    static Set<String> groups(JsonValue claim) {
        Set<String> out = new HashSet<>();
        if (claim instanceof JsonArray list) {
            list.forEach(g -> out.add(g instanceof JsonString s ? s.getString() : g.toString()));
        } else if (claim instanceof JsonString s) {
            out.addAll(AuthSettings.list(s.getString()));
        }
        return out;
    }
}
