package org.keygate.gateway.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The key hash of docs/gateway.md (lowercase hex SHA-256 of the key's ASCII characters) for the hot path:
 * the same value as {@code KeyMint.hash}, with one {@link MessageDigest} per thread instead of a
 * provider lookup per call and no intermediate strings.
 */
public final class KeyHashes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private KeyHashes() {
    }

    /** For a well-formed key (ASCII only; callers check {@code KeyMint.isWellFormed} first). */
    public static String sha256Hex(String key) {
        byte[] ascii = new byte[key.length()];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) key.charAt(i);
        }
        MessageDigest digest = SHA256.get();
        byte[] hash = digest.digest(ascii);
        char[] out = new char[hash.length * 2];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(out);
    }
}
