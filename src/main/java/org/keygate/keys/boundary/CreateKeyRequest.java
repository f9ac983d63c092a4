package org.keygate.keys.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.keygate.catalog.control.ModelPattern;
import org.keygate.platform.control.Cidr;
import org.keygate.platform.control.Money;
import org.keygate.platform.control.Text;

/**
 * {@code POST /api/v1/keys}; {@code owner_id} defaults to the caller. What depends on the database
 * or the caller — the team and owner, catalogue ids, a MEMBER's rpm cap, an expiry in the future —
 * the service checks ({@code KeySettings}, {@code KeyAccess}).
 */
public record CreateKeyRequest(
        @NotNull(message = "is required") String teamId,
        String ownerId,
        @Text(max = 200, required = true) String name,
        @Text(max = 100) String group,
        @Text(max = 100) String project,
        @Size(max = KeyLimits.MAX_LIST_ENTRIES, message = KeyLimits.TOO_MANY)
        List<@NotNull(message = "must not be null") @ModelPattern String> allowedModels,
        @Size(max = KeyLimits.MAX_LIST_ENTRIES, message = KeyLimits.TOO_MANY)
        List<@NotNull(message = "must not be null") @Cidr String> ipWhitelist,
        @Min(value = 1, message = KeyLimits.RPM) @Max(value = KeyLimits.MAX_RPM, message = KeyLimits.RPM) Integer rpmLimit,
        @Money(sign = Money.Sign.POSITIVE) BigDecimal dailyLimit,
        Instant expiresAt) {
}
