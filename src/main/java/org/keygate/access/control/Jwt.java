package org.keygate.access.control;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Verification of a signed JWT (RFC 7519) against a JSON Web Key Set, with the JDK's own crypto and
 * JSON-P only: no JOSE library in the WAR, so nothing clashes with the one the server's Jakarta
 * Security brings. Accepts RS/PS/ES 256/384/512 only — never {@code none} or HMAC, whose "key"
 * would be public — and checks {@code iss} exactly, {@code aud} containing the audience, the
 * authorized party ({@code azp}, see {@link Checks}), and {@code exp}, {@code nbf} and {@code iat}
 * against the caller's clock with the configured skew.
 */
public final class Jwt {

    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /**
     * What a token must satisfy besides its signature.
     *
     * <p>{@code authorizedParties}: the clients a token may have been issued to. An access token
     * names its audience (who may accept it) and, in {@code azp}, the client that asked for it;
     * OpenID Connect Core (§2, and §3.1.3.7 steps 4–5 for ID tokens) says a token with several
     * audiences should carry {@code azp} and that a receiver checks {@code azp} is a client it
     * trusts. Without that check any other client of the same realm whose tokens happen to list
     * Keygate among their audiences (one audience mapper away) could use them on Keygate's API.
     * So: several audiences without {@code azp}, or an {@code azp} not listed here, is refused.
     *
     * <p>{@code skew}: how far the IdP's clock may be from ours. A token is expired once
     * {@code now - skew >= exp}; it is not valid yet while {@code now + skew < nbf}; and one issued
     * ({@code iat}) more than {@code skew} in the future was not issued by a sane IdP.
     */
    public record Checks(String issuer, String audience, Set<String> authorizedParties, Duration skew) {

        public Checks {
            authorizedParties = Set.copyOf(authorizedParties);
        }
    }

    private Jwt() {
    }

    /** Why a token was refused (for the log; the caller answers a plain 401). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The key id of the token's header (to find the key, or to notice a key rotation). */
    public static Optional<String> keyId(String token) throws Invalid {
        JsonObject header = part(token, 0);
        return header.containsKey("kid") && header.get("kid") instanceof JsonString s ? Optional.of(s.getString())
                : Optional.empty();
    }

    /** The verified claims; throws {@link Invalid} for anything wrong with the token. */
    public static JsonObject verify(String token, Map<String, PublicKey> keys, Checks checks, Instant now)
            throws Invalid {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Invalid("not a signed JWT");
        }
        JsonObject header = part(token, 0);
        String alg = header.getString("alg", "");
        PublicKey key = header.get("kid") instanceof JsonString kid ? keys.get(kid.getString())
                : keys.size() == 1 ? keys.values().iterator().next() : null;
        if (key == null) {
            throw new Invalid("unknown signing key");
        }
        try {
            Signature signature = signature(alg, key);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(B64.decode(parts[2]))) {
                throw new Invalid("bad signature");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Invalid("bad signature: " + e.getMessage());
        }
        JsonObject claims = part(token, 1);
        if (!checks.issuer().equals(claims.getString("iss", null))) {
            throw new Invalid("wrong issuer");
        }
        JsonValue aud = claims.get("aud");
        int audiences = aud instanceof JsonString ? 1 : aud instanceof JsonArray a ? a.size() : 0;
        boolean audienceOk = aud instanceof JsonString s ? s.getString().equals(checks.audience())
                : aud instanceof JsonArray a && a.stream().anyMatch(v -> v instanceof JsonString s && s.getString().equals(checks.audience()));
        if (!audienceOk) {
            throw new Invalid("wrong audience");
        }
        JsonValue azp = claims.get("azp");
        if (azp != null || audiences > 1) {
            if (!(azp instanceof JsonString party) || !checks.authorizedParties().contains(party.getString())) {
                throw new Invalid("authorized party (azp) " + (azp == null ? "missing" : azp) + " is not an allowed client");
            }
        }
        if (!claims.containsKey("exp") || !claims.containsKey("sub")) {
            throw new Invalid("exp and sub are required");
        }
        long skewed = checks.skew().getSeconds();
        long nowSeconds = now.getEpochSecond();
        if (nowSeconds - skewed >= time(claims, "exp")) {
            throw new Invalid("expired");
        }
        if (claims.containsKey("nbf") && nowSeconds + skewed < time(claims, "nbf")) {
            throw new Invalid("not valid yet");
        }
        if (claims.containsKey("iat") && nowSeconds + skewed < time(claims, "iat")) {
            throw new Invalid("issued in the future");
        }
        return claims;
    }

    /** A NumericDate claim in whole seconds; anything but a number is a malformed token. */
    private static long time(JsonObject claims, String name) throws Invalid {
        if (!(claims.get(name) instanceof JsonNumber n)) {
            throw new Invalid(name + " is not a number");
        }
        return n.longValue();
    }

    /** The public keys of a JWKS document, by {@code kid}; keys of other types or uses are skipped. */
    public static Map<String, PublicKey> keys(String jwks) {
        Map<String, PublicKey> out = new HashMap<>();
        JsonObject set;
        try (var reader = Json.createReader(new StringReader(jwks))) {
            set = reader.readObject();
        }
        int n = 0;
        for (JsonValue value : set.getJsonArray("keys")) {
            JsonObject jwk = value.asJsonObject();
            if (jwk.containsKey("use") && !"sig".equals(jwk.getString("use"))) {
                continue;
            }
            try {
                PublicKey key = switch (jwk.getString("kty", "")) {
                    case "RSA" -> KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                            unsigned(jwk.getString("n")), unsigned(jwk.getString("e"))));
                    case "EC" -> ec(jwk);
                    default -> null;
                };
                if (key != null) {
                    out.put(jwk.getString("kid", "#" + n++), key);
                }
            } catch (GeneralSecurityException | RuntimeException skipped) {
                // a key we cannot use is simply not trusted
            }
        }
        return out;
    }

    private static PublicKey ec(JsonObject jwk) throws GeneralSecurityException {
        String curve = switch (jwk.getString("crv", "")) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new GeneralSecurityException("unsupported curve");
        };
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(unsigned(jwk.getString("x")), unsigned(jwk.getString("y")));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private static Signature signature(String alg, PublicKey key) throws GeneralSecurityException, Invalid {
        boolean rsa = "RSA".equals(key.getAlgorithm());
        switch (alg) {
            case "RS256", "RS384", "RS512" -> {
                if (!rsa) {
                    throw new Invalid("algorithm does not fit the key");
                }
                return Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
            }
            case "PS256", "PS384", "PS512" -> {
                if (!rsa) {
                    throw new Invalid("algorithm does not fit the key");
                }
                String hash = "SHA-" + alg.substring(2);
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                        Integer.parseInt(alg.substring(2)) / 8, 1));
                return s;
            }
            case "ES256", "ES384", "ES512" -> {
                if (rsa) {
                    throw new Invalid("algorithm does not fit the key");
                }
                return Signature.getInstance("SHA" + alg.substring(2) + "withECDSAinP1363Format");
            }
            default -> throw new Invalid("algorithm '" + alg + "' is not accepted");
        }
    }

    private static JsonObject part(String token, int index) throws Invalid {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Invalid("not a signed JWT");
        }
        try (var reader = Json.createReader(new StringReader(new String(B64.decode(parts[index]), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new Invalid("malformed JWT");
        }
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, B64.decode(base64url));
    }
}
