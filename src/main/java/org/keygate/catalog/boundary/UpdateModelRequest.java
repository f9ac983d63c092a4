package org.keygate.catalog.boundary;

import java.math.BigDecimal;
import java.util.Optional;

/** {@code PATCH /api/v1/models/{id}}: absent fields stay as they are; none of them can be cleared. */
public record UpdateModelRequest(Optional<String> providerId, Optional<String> upstreamModel,
        Optional<BigDecimal> inputPrice, Optional<BigDecimal> outputPrice, Optional<BigDecimal> cachedInputPrice,
        Optional<Integer> maxOutputTokens) {
}
