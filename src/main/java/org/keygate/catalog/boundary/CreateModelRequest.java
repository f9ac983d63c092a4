package org.keygate.catalog.boundary;

import java.math.BigDecimal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.keygate.catalog.control.ModelPatterns;
import org.keygate.platform.control.Money;
import org.keygate.platform.control.Text;

/**
 * {@code POST /api/v1/models}: prices are USD per 1M tokens; cached input defaults to the input price,
 * {@code image_tokens} (what one image part is reserved at) to {@link org.keygate.catalog.entity.Model#DEFAULT_IMAGE_TOKENS}.
 */
public record CreateModelRequest(
        @Text(max = 200, required = true, pattern = ModelPatterns.MODEL_ID_REGEX, mismatch = CatalogLimits.MODEL_ID_MESSAGE)
        String id,
        @Text(max = 64, required = true) String providerId,
        @Text(max = 200, required = true) String upstreamModel,
        @NotNull(message = "is required") @Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal inputPrice,
        @NotNull(message = "is required") @Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal outputPrice,
        @Money(sign = Money.Sign.NOT_NEGATIVE) BigDecimal cachedInputPrice,
        @NotNull(message = "is required") @Min(value = 1, message = CatalogLimits.OUTPUT)
        @Max(value = CatalogLimits.MAX_OUTPUT_TOKENS, message = CatalogLimits.OUTPUT) Integer maxOutputTokens,
        @Min(value = 0, message = CatalogLimits.IMAGE) @Max(value = CatalogLimits.MAX_IMAGE_TOKENS, message = CatalogLimits.IMAGE)
        Integer imageTokens) {
}
