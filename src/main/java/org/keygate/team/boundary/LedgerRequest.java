package org.keygate.team.boundary;

import java.math.BigDecimal;

/** {@code POST /api/v1/teams/{id}/ledger}: a top-up (positive) or an adjustment (either sign). */
public record LedgerRequest(BigDecimal amount, String note, String kind) {
}
