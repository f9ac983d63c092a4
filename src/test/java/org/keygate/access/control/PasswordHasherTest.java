package org.keygate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A low iteration count keeps the suite fast; the format carries the count, so it round-trips. */
class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void roundTrip() {
        String stored = hasher.hash("correct horse battery staple".toCharArray());
        assertTrue(PasswordHasher.verify("correct horse battery staple".toCharArray(), stored));
    }

    @Test
    void wrongPasswordFails() {
        String stored = hasher.hash("s3cret-Password".toCharArray());
        assertFalse(PasswordHasher.verify("s3cret-password".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("s3cret-Password ".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("".toCharArray(), stored));
    }

    @Test
    void nonAsciiPasswordsRoundTrip() {
        String stored = hasher.hash("pässwörd-密码-🔑".toCharArray());
        assertTrue(PasswordHasher.verify("pässwörd-密码-🔑".toCharArray(), stored));
        assertFalse(PasswordHasher.verify("passwörd-密码-🔑".toCharArray(), stored));
    }

    @Test
    void nullStoredHashFails() {
        // the dummy hash verified against for timing must not let anyone in, not even with its own password
        assertFalse(PasswordHasher.verify("not a password".toCharArray(), null));
    }

    @Test
    void formatIsAlgorithmIterationsSaltHash() {
        String stored = hasher.hash("pw".toCharArray());
        assertTrue(stored.matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), stored);
        String[] parts = stored.split("\\$");
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length, "128-bit salt");
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length, "256-bit derived key");
    }

    @Test
    void sameInputGetsAFreshSaltEachTime() {
        String a = hasher.hash("pw".toCharArray());
        String b = hasher.hash("pw".toCharArray());
        assertNotEquals(a, b);
        assertTrue(PasswordHasher.verify("pw".toCharArray(), a));
        assertTrue(PasswordHasher.verify("pw".toCharArray(), b));
    }

    @Test
    void iterationCountInTheStoredHashIsTheOneUsed() {
        String stored = hasher.hash("pw".toCharArray());
        assertFalse(PasswordHasher.verify("pw".toCharArray(), stored.replace("$1000$", "$1001$")));
        String older = new PasswordHasher(500).hash("pw".toCharArray());
        assertTrue(PasswordHasher.verify("pw".toCharArray(), older), "hashes made with another cost still verify");
    }

    @Test
    void tamperedHashOrSaltFails() {
        String stored = hasher.hash("pw".toCharArray());
        String[] p = stored.split("\\$");
        String otherSalt = hasher.hash("pw".toCharArray()).split("\\$")[2];
        assertFalse(PasswordHasher.verify("pw".toCharArray(), p[0] + "$" + p[1] + "$" + otherSalt + "$" + p[3]));
        char last = p[3].charAt(0);
        String flipped = (last == 'A' ? 'B' : 'A') + p[3].substring(1);
        assertFalse(PasswordHasher.verify("pw".toCharArray(), p[0] + "$" + p[1] + "$" + p[2] + "$" + flipped));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain-text-password", "pbkdf2-sha256$1000$c2FsdA", "bcrypt$1000$c2FsdA$aGFzaA",
            "pbkdf2-sha256$many$c2FsdA$aGFzaA", "pbkdf2-sha256$0$c2FsdA$aGFzaA", "pbkdf2-sha256$-5$c2FsdA$aGFzaA",
            "pbkdf2-sha256$1000$not base64!$aGFzaA", "pbkdf2-sha256$1000$c2FsdA$not base64!",
            "pbkdf2-sha256$1000$$", "pbkdf2-sha256$1000$$aGFzaA", "pbkdf2-sha256$99999999999$c2FsdA$aGFzaA", "pbkdf2-sha256$1000$c2FsdA$aGFzaA$extra"})
    void malformedStoredHashFailsInsteadOfThrowing(String stored) {
        assertFalse(PasswordHasher.verify("pw".toCharArray(), stored));
    }
}
