package org.keygate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/** The key format of docs/gateway.md, checked against an independent CRC32 + base62 implementation and fixed vectors. */
class KeyMintTest {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void mintedKeyHasTheSpecFormat() {
        KeyMint mint = new KeyMint(seeded(1));
        for (int n = 0; n < 1_000; n++) {
            String key = mint.mint();
            assertEquals(35, key.length(), key);
            assertTrue(key.startsWith("ck-"), key);
            assertTrue(key.substring(3).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0), key);
            assertEquals(expectedChecksum(key.substring(0, 29)), key.substring(29), key);
            assertTrue(KeyMint.isWellFormed(key), key);
        }
    }

    @Test
    void checksumMatchesFixedVectors() {
        // computed outside Java: Python zlib.crc32 of the 29 ASCII characters, base62 0-9A-Za-z, padded to 6
        for (String key : List.of("ck-000000000000000000000000001VmzWf", "ck-A1b2C3d4E5f6G7h8I9j0KkLlMm3rQmK0",
                "ck-zzzzzzzzzzzzzzzzzzzzzzzzzz1au0jA")) {
            assertTrue(KeyMint.isWellFormed(key), key);
            assertEquals(key.substring(29), expectedChecksum(key.substring(0, 29)), key);
        }
    }

    @Test
    void mintDrawsTheBodyFromTheGivenSecureRandom() {
        // a source that only ever yields zero bytes makes nextInt(62) return 0, i.e. '0' everywhere
        SecureRandom zeros = new SecureRandom(new SecureRandomSpi() {
            @Override
            protected void engineSetSeed(byte[] seed) {
            }

            @Override
            protected void engineNextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }

            @Override
            protected byte[] engineGenerateSeed(int numBytes) {
                return new byte[numBytes];
            }
        }, null) {
        };
        assertEquals("ck-000000000000000000000000001VmzWf", new KeyMint(zeros).mint());
    }

    @Test
    void bodyUsesTheWholeAlphabetInEveryPosition() {
        KeyMint mint = new KeyMint(seeded(2));
        List<Set<Character>> seen = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            seen.add(new HashSet<>());
        }
        for (int n = 0; n < 5_000; n++) {
            String key = mint.mint();
            for (int i = 0; i < 26; i++) {
                seen.get(i).add(key.charAt(3 + i));
            }
        }
        for (int i = 0; i < 26; i++) {
            assertEquals(62, seen.get(i).size(), "distinct characters at body position " + i);
        }
    }

    @Test
    void checksumCatchesEverySingleCharacterSubstitution() {
        KeyMint mint = new KeyMint(seeded(3));
        int checked = 0;
        for (int n = 0; n < 200; n++) {
            String key = mint.mint();
            char[] chars = key.toCharArray();
            for (int pos = 0; pos < chars.length; pos++) {
                char original = chars[pos];
                for (int a = 0; a < ALPHABET.length(); a++) {
                    char replacement = ALPHABET.charAt(a);
                    if (replacement == original) {
                        continue;
                    }
                    chars[pos] = replacement;
                    String typo = new String(chars);
                    assertFalse(KeyMint.isWellFormed(typo), () -> "accepted " + typo + " (from " + key + ")");
                    checked++;
                }
                chars[pos] = original;
            }
        }
        assertTrue(checked > 200 * 35 * 60, "substitutions checked: " + checked);
    }

    @Test
    void checksumCatchesEveryAdjacentTransposition() {
        KeyMint mint = new KeyMint(seeded(4));
        int checked = 0;
        for (int n = 0; n < 2_000; n++) {
            String key = mint.mint();
            for (int pos = 0; pos + 1 < key.length(); pos++) {
                if (key.charAt(pos) == key.charAt(pos + 1)) {
                    continue;
                }
                char[] chars = key.toCharArray();
                chars[pos] = key.charAt(pos + 1);
                chars[pos + 1] = key.charAt(pos);
                String swapped = new String(chars);
                assertFalse(KeyMint.isWellFormed(swapped), () -> "accepted " + swapped + " (from " + key + ")");
                checked++;
            }
        }
        assertTrue(checked > 2_000 * 30, "transpositions checked: " + checked);
    }

    @Test
    void hundredThousandMintsDoNotCollide() {
        KeyMint mint = new KeyMint();
        Set<String> keys = new HashSet<>(200_000);
        for (int n = 0; n < 100_000; n++) {
            String key = mint.mint();
            assertTrue(keys.add(key), "collision after " + n + " keys");
        }
        assertEquals(100_000, keys.size());
    }

    @Test
    void isWellFormedRejectsEverythingElse() {
        String valid = new KeyMint(seeded(5)).mint();
        assertTrue(KeyMint.isWellFormed(valid));

        assertFalse(KeyMint.isWellFormed(null));
        assertFalse(KeyMint.isWellFormed(""));
        assertFalse(KeyMint.isWellFormed("ck-"));
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 34)), "too short");
        assertFalse(KeyMint.isWellFormed(valid + "0"), "too long");
        assertFalse(KeyMint.isWellFormed("CK-" + valid.substring(3)), "upper-case prefix");
        assertFalse(KeyMint.isWellFormed("sk-" + valid.substring(3)), "other vendor's prefix");
        assertFalse(KeyMint.isWellFormed("ck_" + valid.substring(3)), "underscore");
        assertFalse(KeyMint.isWellFormed("ckx" + valid.substring(3)));
        assertFalse(KeyMint.isWellFormed(" " + valid), "leading space");
        assertFalse(KeyMint.isWellFormed(valid + "\n"), "trailing newline");
        assertFalse(KeyMint.isWellFormed(" " + valid.substring(1)), "space instead of a character");
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + " " + valid.substring(11)), "space inside");
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + "\t" + valid.substring(11)), "tab inside");
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + "-" + valid.substring(11)), "dash inside");
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + "é" + valid.substring(11)), "non-ASCII letter");
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + "\uFF10" + valid.substring(11)), "full-width digit");
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + "\u0660" + valid.substring(11)), "Arabic-Indic digit");
        // a character whose low byte is a valid base62 character must not pass as that character
        char low = valid.charAt(10);
        assertFalse(KeyMint.isWellFormed(valid.substring(0, 10) + (char) (0x100 + low) + valid.substring(11)),
                "wide char with a base62 low byte");
    }

    @Test
    void isWellFormedChecksTheChecksumNotJustTheShape() {
        String body = "ck-A1b2C3d4E5f6G7h8I9j0KkLlMm";
        assertTrue(KeyMint.isWellFormed(body + "3rQmK0"));
        assertFalse(KeyMint.isWellFormed(body + "000000"));
        assertFalse(KeyMint.isWellFormed(body + "3rQmK1"));
        assertFalse(KeyMint.isWellFormed(body + "zzzzzz"));
    }

    @Test
    void hashIsLowerCaseHexSha256OfTheWholeKey() throws NoSuchAlgorithmException {
        String key = "ck-000000000000000000000000001VmzWf";
        assertEquals("9dbc62f71496aa2df94cd2471acdeb67d826a67bc7b0acce635778feb5a7362f", KeyMint.hash(key));

        String minted = new KeyMint(seeded(6)).mint();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(minted.getBytes(StandardCharsets.US_ASCII));
        assertEquals(HexFormat.of().formatHex(digest), KeyMint.hash(minted));
        assertTrue(KeyMint.hash(minted).matches("[0-9a-f]{64}"));
        assertFalse(KeyMint.hash(minted).equals(KeyMint.hash(minted.substring(0, 34) + "x")));
    }

    @Test
    void prefixAndLast4AreTheDisplayParts() {
        String key = "ck-A1b2C3d4E5f6G7h8I9j0KkLlMm3rQmK0";
        assertEquals("ck-A1b2", KeyMint.prefixOf(key));
        assertEquals("QmK0", KeyMint.last4Of(key));
    }

    /** SHA1PRNG seeded before its first use is deterministic: the same keys on every run. */
    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CRC32 of the 29 ASCII characters, in base62 most significant digit first, left-padded with '0'. */
    private static String expectedChecksum(String head) {
        CRC32 crc = new CRC32();
        crc.update(head.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        StringBuilder digits = new StringBuilder();
        long power = 62L * 62 * 62 * 62 * 62;
        for (int i = 0; i < 6; i++) {
            digits.append(ALPHABET.charAt((int) (value / power)));
            value %= power;
            power /= 62;
        }
        return digits.toString();
    }
}
