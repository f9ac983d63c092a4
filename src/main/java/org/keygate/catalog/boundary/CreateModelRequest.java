package org.keygate.catalog.boundary;

import java.math.BigDecimal;

/** {@code POST /api/v1/models}: prices are USD per 1M tokens; cached input defaults to the input price. */
public record CreateModelRequest(String id, String providerId, String upstreamModel, BigDecimal inputPrice,
        BigDecimal outputPrice, BigDecimal cachedInputPrice, Integer maxOutputTokens) {
}
