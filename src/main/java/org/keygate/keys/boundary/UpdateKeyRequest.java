package org.keygate.keys.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.keygate.catalog.control.ModelPattern;
import org.keygate.platform.control.Cidr;
import org.keygate.platform.control.Money;
import org.keygate.platform.control.Text;

/**
 * {@code PATCH /api/v1/keys/{id}}: absent fields (null here) stay as they are, {@code null}
 * (Optional.empty) clears a setting; the rules of {@link CreateKeyRequest} apply to what is given.
 */
public record UpdateKeyRequest(
        Optional<@Text(max = 200, required = true) String> name,
        Optional<@Text(max = 100) String> group,
        Optional<@Text(max = 100) String> project,
        Optional<@Size(max = KeyLimits.MAX_LIST_ENTRIES, message = KeyLimits.TOO_MANY)
                List<@NotNull(message = "must not be null") @ModelPattern String>> allowedModels,
        Optional<@Size(max = KeyLimits.MAX_LIST_ENTRIES, message = KeyLimits.TOO_MANY)
                List<@NotNull(message = "must not be null") @Cidr String>> ipWhitelist,
        Optional<@Min(value = 1, message = KeyLimits.RPM) @Max(value = KeyLimits.MAX_RPM, message = KeyLimits.RPM) Integer> rpmLimit,
        Optional<@Money(sign = Money.Sign.POSITIVE) BigDecimal> dailyLimit,
        Optional<Instant> expiresAt) {
}
