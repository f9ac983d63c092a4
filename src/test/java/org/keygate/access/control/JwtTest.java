package org.keygate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class JwtTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String ISS = "https://idp.example/realms/acme";
    static final KeyPair RSA = TestTokens.rsa();
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Jwt.Checks CHECKS = new Jwt.Checks(ISS, "keygate", Set.of("keygate", "reports"), SKEW);

    static String b64(String s) {
        return TestTokens.b64(s);
    }

    static String token(String alg, String claims) throws Exception {
        return TestTokens.sign(RSA, alg, "k1", claims);
    }

    static String claims(String iss, String aud, long exp) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"alice\",\"aud\":" + aud + ",\"exp\":" + exp + ",\"groups\":[\"a\"]}";
    }

    Map<String, PublicKey> keys = Map.of("k1", RSA.getPublic());
    long later = NOW.getEpochSecond() + 300;

    @Test
    void acceptsAGoodTokenWithAudienceAsStringOrArray() throws Exception {
        assertEquals("alice", Jwt.verify(token("RS256", claims(ISS, "\"keygate\"", later)), keys, CHECKS, NOW).getString("sub"));
        assertEquals("alice", verified(claims("[\"account\",\"keygate\"]", "\"azp\":\"keygate\"")));
    }

    @Test
    void refusesWrongIssuerAudienceExpiryAndSignature() throws Exception {
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(token("RS256", claims("https://evil", "\"keygate\"", later)), keys, CHECKS, NOW));
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(token("RS256", claims(ISS, "\"other\"", later)), keys, CHECKS, NOW));
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(token("RS256", claims(ISS, "\"keygate\"", NOW.getEpochSecond() - 120)), keys, CHECKS, NOW));
        String good = token("RS256", claims(ISS, "\"keygate\"", later));
        String[] p = good.split("\\.");
        String tampered = p[0] + "." + b64(claims(ISS, "\"keygate\"", later + 999_999)) + "." + p[2];
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(tampered, keys, CHECKS, NOW));
    }

    @Test
    void refusesNoneAndHmacAlgorithms() throws Exception {
        String none = b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + b64(claims(ISS, "\"keygate\"", later)) + ".";
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(none, keys, CHECKS, NOW));
        String[] p = token("RS256", claims(ISS, "\"keygate\"", later)).split("\\.");
        String hs = b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}") + "." + p[1] + "." + p[2];
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(hs, keys, CHECKS, NOW));
    }

    @Test
    void readsRsaKeysFromAJwks() {
        String jwks = "{\"keys\":[" + TestTokens.jwk("k1", RSA) + ",{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}";
        Map<String, PublicKey> read = Jwt.keys(jwks);
        assertEquals(1, read.size(), "symmetric keys are never trusted");
        assertEquals(((RSAPublicKey) RSA.getPublic()).getModulus(), ((RSAPublicKey) read.get("k1")).getModulus());
    }

    static String claims(String aud, String extra) {
        return "{\"iss\":\"" + ISS + "\",\"sub\":\"alice\",\"aud\":" + aud + ",\"exp\":" + (NOW.getEpochSecond() + 300)
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String verified(String claims) throws Exception {
        return Jwt.verify(token("RS256", claims), Map.of("k1", RSA.getPublic()), CHECKS, NOW).getString("sub");
    }

    @Test
    void anAuthorizedPartyMustBeKeygateOrAnAllowedClient() throws Exception {
        assertEquals("alice", verified(claims("\"keygate\"", "\"azp\":\"keygate\"")));
        assertEquals("alice", verified(claims("[\"keygate\",\"account\"]", "\"azp\":\"reports\"")), "an allowed client");
        assertEquals("alice", verified(claims("\"keygate\"", "")), "one audience and no azp: the audience is the party");
        assertThrows(Jwt.Invalid.class, () -> verified(claims("[\"keygate\",\"other-app\"]", "\"azp\":\"other-app\"")),
                "another client of the realm whose tokens also name Keygate");
        assertThrows(Jwt.Invalid.class, () -> verified(claims("\"keygate\"", "\"azp\":\"other-app\"")),
                "an azp is checked even with one audience");
        assertThrows(Jwt.Invalid.class, () -> verified(claims("[\"keygate\",\"account\"]", "")),
                "several audiences need an azp");
        assertThrows(Jwt.Invalid.class, () -> verified(claims("[\"keygate\",\"account\"]", "\"azp\":42")));
    }

    @Test
    void expiryHoldsUntilTheSkewHasPassed() throws Exception {
        long now = NOW.getEpochSecond();
        String sub = "\"sub\":\"alice\"";
        String lastSecond = "{\"iss\":\"" + ISS + "\"," + sub + ",\"aud\":\"keygate\",\"exp\":" + (now - 29) + "}";
        assertEquals("alice", verified(lastSecond), "expired 29 s ago: within the 30 s skew");
        String gone = "{\"iss\":\"" + ISS + "\"," + sub + ",\"aud\":\"keygate\",\"exp\":" + (now - 30) + "}";
        assertThrows(Jwt.Invalid.class, () -> verified(gone), "expired exactly the skew ago");
        Jwt.Checks strict = new Jwt.Checks(ISS, "keygate", Set.of("keygate"), Duration.ZERO);
        String justNow = token("RS256", "{\"iss\":\"" + ISS + "\"," + sub + ",\"aud\":\"keygate\",\"exp\":" + now + "}");
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(justNow, keys, strict, NOW), "no skew: expired at exp itself");
        assertEquals("alice", Jwt.verify(justNow, keys, strict, NOW.minusSeconds(1)).getString("sub"));
    }

    @Test
    void notBeforeAndIssuedAtMayBeInTheFutureByTheSkewAtMost() throws Exception {
        long now = NOW.getEpochSecond();
        assertEquals("alice", verified(claims("\"keygate\"", "\"nbf\":" + (now + 30))));
        assertThrows(Jwt.Invalid.class, () -> verified(claims("\"keygate\"", "\"nbf\":" + (now + 31))));
        assertEquals("alice", verified(claims("\"keygate\"", "\"iat\":" + (now + 30))));
        assertThrows(Jwt.Invalid.class, () -> verified(claims("\"keygate\"", "\"iat\":" + (now + 31))),
                "issued in the future beyond the skew");
        assertEquals("alice", verified(claims("\"keygate\"", "\"iat\":" + (now - 3600))), "issued long ago is fine");
        assertThrows(Jwt.Invalid.class, () -> verified(claims("\"keygate\"", "\"iat\":\"soon\"")));
    }
}
