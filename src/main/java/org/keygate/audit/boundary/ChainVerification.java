package org.keygate.audit.boundary;

/** The answer of {@code GET /api/v1/audit/verify}: whether the chain is intact, and where it breaks if not. */
public record ChainVerification(boolean valid, long entriesChecked, Long firstBrokenSeq, String problem) {
}
