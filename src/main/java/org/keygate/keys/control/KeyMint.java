package org.keygate.keys.control;

import java.security.SecureRandom;
import java.util.zip.CRC32;

import org.keygate.platform.control.Secrets;

/**
 * Makes and checks {@code ck-} keys (docs/gateway.md): {@code ck-} + 26 random base62 characters + a
 * 6-character base62 CRC32 of the first 29 characters. {@link #isWellFormed} rejects typos and
 * garbage without touching any store, so only plausible keys ever cost a lookup.
 */
public final class KeyMint {

    public static final String PREFIX = "ck-";
    public static final int LENGTH = 35;
    static final int RANDOM_CHARS = 26;
    static final int CHECKSUM_CHARS = 6;
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /**
     * What a {@code ck-} key looks like in any text (docs/leak-scanning.md): {@code ck-} and 32 base62
     * characters, with no letter or digit right before or after. A match is a candidate; only
     * {@link #isWellFormed} (the checksum) makes it a key, so random look-alikes are dropped.
     */
    public static final String CANDIDATE = "(?<![0-9A-Za-z])ck-[0-9A-Za-z]{32}(?![0-9A-Za-z])";

    private final SecureRandom random;

    public KeyMint() {
        this(new SecureRandom());
    }

    KeyMint(SecureRandom random) {
        this.random = random;
    }

    /** A new plaintext key. The caller shows it once and keeps only {@link #hash}. */
    public String mint() {
        char[] key = new char[LENGTH];
        key[0] = 'c';
        key[1] = 'k';
        key[2] = '-';
        for (int i = 0; i < RANDOM_CHARS; i++) {
            key[3 + i] = BASE62.charAt(random.nextInt(62));
        }
        writeChecksum(key);
        return new String(key);
    }

    /** Format and checksum only; no lookup. Runs in constant work for any input length. */
    public static boolean isWellFormed(CharSequence candidate) {
        if (candidate == null || candidate.length() != LENGTH
                || candidate.charAt(0) != 'c' || candidate.charAt(1) != 'k' || candidate.charAt(2) != '-') {
            return false;
        }
        for (int i = 3; i < LENGTH; i++) {
            if (!isBase62(candidate.charAt(i))) {
                return false;
            }
        }
        long crc = crc(candidate);
        for (int i = LENGTH - 1; i >= LENGTH - CHECKSUM_CHARS; i--) {
            if (candidate.charAt(i) != BASE62.charAt((int) (crc % 62))) {
                return false;
            }
            crc /= 62;
        }
        return true;
    }

    /** Lowercase hex SHA-256 of the full key: the only form a key is stored in. */
    public static String hash(String key) {
        return Secrets.sha256Hex(key);
    }

    /** {@code ck-} and the first 4 body characters, safe to show and log. */
    public static String prefixOf(String key) {
        return key.substring(0, PREFIX.length() + 4);
    }

    public static String last4Of(String key) {
        return key.substring(LENGTH - 4);
    }

    private static void writeChecksum(char[] key) {
        long crc = crc(new String(key, 0, LENGTH - CHECKSUM_CHARS));
        for (int i = LENGTH - 1; i >= LENGTH - CHECKSUM_CHARS; i--) {
            key[i] = BASE62.charAt((int) (crc % 62));
            crc /= 62;
        }
    }

    private static long crc(CharSequence key) {
        CRC32 crc = new CRC32();
        byte[] head = new byte[PREFIX.length() + RANDOM_CHARS];
        for (int i = 0; i < head.length; i++) {
            head[i] = (byte) key.charAt(i);
        }
        crc.update(head);
        return crc.getValue();
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
