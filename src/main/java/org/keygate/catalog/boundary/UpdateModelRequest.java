package org.keygate.catalog.boundary;

import java.math.BigDecimal;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.keygate.platform.control.Money;
import org.keygate.platform.control.Text;

/** {@code PATCH /api/v1/models/{id}}: absent fields (null here) stay as they are; none of them can be cleared. */
public record UpdateModelRequest(
        Optional<@Text(max = 64, required = true) String> providerId,
        Optional<@Text(max = 200, required = true) String> upstreamModel,
        Optional<@NotNull(message = "is required") @Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal> inputPrice,
        Optional<@NotNull(message = "is required") @Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal> outputPrice,
        Optional<@NotNull(message = "is required") @Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal> cachedInputPrice,
        Optional<@NotNull(message = "is required") @Min(value = 1, message = CatalogLimits.OUTPUT)
                @Max(value = CatalogLimits.MAX_OUTPUT_TOKENS, message = CatalogLimits.OUTPUT) Integer> maxOutputTokens,
        Optional<@NotNull(message = "is required") @Min(value = 0, message = CatalogLimits.IMAGE)
                @Max(value = CatalogLimits.MAX_IMAGE_TOKENS, message = CatalogLimits.IMAGE) Integer> imageTokens) {
}
