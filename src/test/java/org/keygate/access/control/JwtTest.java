package org.keygate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JwtTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String ISS = "https://idp.example/realms/acme";
    static final KeyPair RSA = rsa();

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String token(String alg, String claims) throws Exception {
        String signingInput = b64("{\"alg\":\"" + alg + "\",\"kid\":\"k1\",\"typ\":\"JWT\"}") + "." + b64(claims);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(RSA.getPrivate());
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    static String claims(String iss, String aud, long exp) {
        return "{\"iss\":\"" + iss + "\",\"sub\":\"alice\",\"aud\":" + aud + ",\"exp\":" + exp + ",\"groups\":[\"a\"]}";
    }

    Map<String, PublicKey> keys = Map.of("k1", RSA.getPublic());
    long later = NOW.getEpochSecond() + 300;

    @Test
    void acceptsAGoodTokenWithAudienceAsStringOrArray() throws Exception {
        assertEquals("alice", Jwt.verify(token("RS256", claims(ISS, "\"keygate\"", later)), keys, ISS, "keygate", NOW).getString("sub"));
        assertEquals("alice", Jwt.verify(token("RS256", claims(ISS, "[\"account\",\"keygate\"]", later)), keys, ISS, "keygate", NOW).getString("sub"));
    }

    @Test
    void refusesWrongIssuerAudienceExpiryAndSignature() throws Exception {
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(token("RS256", claims("https://evil", "\"keygate\"", later)), keys, ISS, "keygate", NOW));
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(token("RS256", claims(ISS, "\"other\"", later)), keys, ISS, "keygate", NOW));
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(token("RS256", claims(ISS, "\"keygate\"", NOW.getEpochSecond() - 120)), keys, ISS, "keygate", NOW));
        String good = token("RS256", claims(ISS, "\"keygate\"", later));
        String[] p = good.split("\\.");
        String tampered = p[0] + "." + b64(claims(ISS, "\"keygate\"", later + 999_999)) + "." + p[2];
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(tampered, keys, ISS, "keygate", NOW));
    }

    @Test
    void refusesNoneAndHmacAlgorithms() throws Exception {
        String none = b64("{\"alg\":\"none\",\"kid\":\"k1\"}") + "." + b64(claims(ISS, "\"keygate\"", later)) + ".";
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(none, keys, ISS, "keygate", NOW));
        String[] p = token("RS256", claims(ISS, "\"keygate\"", later)).split("\\.");
        String hs = b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}") + "." + p[1] + "." + p[2];
        assertThrows(Jwt.Invalid.class, () -> Jwt.verify(hs, keys, ISS, "keygate", NOW));
    }

    @Test
    void readsRsaKeysFromAJwks() {
        RSAPublicKey pub = (RSAPublicKey) RSA.getPublic();
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"n\":\""
                + e.encodeToString(pub.getModulus().toByteArray()) + "\",\"e\":\""
                + e.encodeToString(pub.getPublicExponent().toByteArray()) + "\"},{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}";
        Map<String, PublicKey> read = Jwt.keys(jwks);
        assertEquals(1, read.size(), "symmetric keys are never trusted");
        assertEquals(pub.getModulus(), ((RSAPublicKey) read.get("k1")).getModulus());
    }
}
