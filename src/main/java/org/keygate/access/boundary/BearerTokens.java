package org.keygate.access.boundary;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.keygate.access.control.Jwt;

/**
 * Checks the IdP's bearer access tokens on the management API in {@code oidc} mode (see
 * {@link Jwt} for what is verified). The keys come from the {@code jwks_uri} of the issuer's
 * discovery document, fetched on first use, cached, and fetched again — at most once a minute —
 * when a token names a key id the cache does not know (the IdP rotated its keys).
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());
    private static final Duration REFRESH_AT_MOST_EVERY = Duration.ofMinutes(1);

    @Inject
    OidcSettings oidc;

    @Inject
    OidcDiscovery discovery;

    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;

    /** What a verified token says about its holder. */
    public record Identity(String username, String displayName, String email, Set<String> groups) {
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
            Optional<String> kid = Jwt.keyId(token);
            if (keys.isEmpty() || (kid.isPresent() && !keys.containsKey(kid.get()))) {
                refresh();
            }
            JsonObject claims = Jwt.verify(token, keys, oidc.getIssuer(), oidc.getAudience(), Instant.now());
            JsonValue name = claims.get(oidc.getUsernameClaim());
            if (!(name instanceof JsonString username) || username.getString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Identity(username.getString(), text(claims, "name"), text(claims, "email"),
                    groups(claims.get(oidc.getGroupsClaim()))));
        } catch (Jwt.Invalid e) {
            LOG.fine(() -> "bearer token refused: " + e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "bearer token could not be checked (identity provider unreachable?)", e);
            return Optional.empty();
        }
    }

    private synchronized void refresh() throws Exception {
        Instant now = Instant.now();
        if (!keys.isEmpty() && fetchedAt.plus(REFRESH_AT_MOST_EVERY).isAfter(now)) {
            return;
        }
        keys = Jwt.keys(discovery.fetch(discovery.document().getString("jwks_uri")));
        fetchedAt = now;
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
