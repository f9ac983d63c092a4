package org.keygate.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 hex digests and masking of anything that looks like a key before it reaches a log. */
public final class Secrets {

    private static final Pattern KEY_LIKE = Pattern.compile("(ck-[A-Za-z0-9]{4})[A-Za-z0-9]+");

    private Secrets() {
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Replaces every {@code ck-…} run by its prefix and an ellipsis. */
    public static String mask(String text) {
        return text == null ? null : KEY_LIKE.matcher(text).replaceAll("$1…");
    }
}
