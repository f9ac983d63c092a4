package org.keygate.team.boundary;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.keygate.platform.control.Money;
import org.keygate.platform.control.Text;

/**
 * {@code POST /api/v1/teams/{id}/ledger}: a top-up (positive) or an adjustment (either sign); the
 * kind follows the sign unless given, and a {@code top_up} must be positive (the service's check).
 */
public record LedgerRequest(
        @NotNull(message = "is required") @Money(sign = Money.Sign.NOT_ZERO) BigDecimal amount,
        @Text(max = 500, required = true) String note,
        @Pattern(regexp = "top_up|adjustment", message = "must be top_up or adjustment") String kind) {
}
