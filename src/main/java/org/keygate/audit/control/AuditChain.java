package org.keygate.audit.control;

import java.time.Instant;

import org.keygate.platform.control.Secrets;

/**
 * The chain rule: an entry's hash is SHA-256 over the previous hash and the entry's fields, each
 * length-prefixed so that no two different entries serialise to the same text.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String prevHash, long seq, Instant at, String actor, String action, String targetType,
            String targetId, String beforeJson, String afterJson, String sourceIp) {
        StringBuilder text = new StringBuilder(256);
        for (String field : new String[] {prevHash, Long.toString(seq), at.toString(), actor, action, targetType,
                targetId, beforeJson, afterJson, sourceIp}) {
            if (field == null) {
                text.append("-1:");
            } else {
                text.append(field.length()).append(':').append(field);
            }
            text.append('|');
        }
        return Secrets.sha256Hex(text.toString());
    }
}
