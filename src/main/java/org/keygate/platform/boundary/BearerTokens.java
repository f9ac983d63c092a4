package org.keygate.platform.boundary;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Checks the IdP's bearer access tokens on the management API in {@code oidc} mode: a signed JWT
 * (RS/PS/ES algorithms only, never {@code none} or HMAC) whose key is in the issuer's JWKS, whose
 * {@code iss} is exactly the configured issuer, whose {@code aud} contains the configured audience
 * and which has not expired. The JWKS location comes from the issuer's discovery document, fetched
 * on first use and cached with the keys.
 */
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class.getName());
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    @Inject
    OidcSettings oidc;

    private volatile DefaultJWTProcessor<SecurityContext> processor;

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
            JWTClaimsSet claims = processor().process(token, null);
            Object name = claims.getClaim(oidc.getUsernameClaim());
            if (!(name instanceof String username) || username.isBlank()) {
                return Optional.empty();
            }
            return Optional.of(new Identity(username, claims.getStringClaim("name"), claims.getStringClaim("email"),
                    groups(claims.getClaim(oidc.getGroupsClaim()))));
        } catch (Exception e) {
            LOG.log(Level.FINE, "bearer token refused", e);
            return Optional.empty();
        }
    }

    /** A groups claim as a list of names (Keycloak, Entra ID, Okta) or one name. */
    static Set<String> groups(Object claim) {
        Set<String> out = new HashSet<>();
        if (claim instanceof List<?> list) {
            list.forEach(g -> out.add(String.valueOf(g)));
        } else if (claim instanceof String s) {
            out.addAll(AuthSettings.list(s));
        }
        return out;
    }

    private DefaultJWTProcessor<SecurityContext> processor() throws Exception {
        DefaultJWTProcessor<SecurityContext> p = processor;
        if (p == null) {
            synchronized (this) {
                if (processor == null) {
                    processor = build();
                }
                p = processor;
            }
        }
        return p;
    }

    private DefaultJWTProcessor<SecurityContext> build() throws Exception {
        String issuer = oidc.getIssuer();
        String discovery = oidc.getProviderUri() + "/.well-known/openid-configuration";
        HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(URI.create(discovery)).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("OIDC discovery " + discovery + " answered " + answer.statusCode());
        }
        Map<String, Object> metadata = JSONObjectUtils.parse(answer.body());
        String jwksUri = JSONObjectUtils.getString(metadata, "jwks_uri");
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(jwksUri)).retrying(true).build();
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(oidc.getAudience(),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
        return p;
    }
}
