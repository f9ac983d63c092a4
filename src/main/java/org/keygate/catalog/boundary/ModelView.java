package org.keygate.catalog.boundary;

import java.math.BigDecimal;
import java.time.Instant;

import org.keygate.catalog.entity.Model;

/** A catalogue entry as the API shows it; {@code demo} marks models served by the local demo provider. */
public record ModelView(String id, String providerId, String providerKind, boolean demo, String upstreamModel,
        BigDecimal inputPrice, BigDecimal outputPrice, BigDecimal cachedInputPrice, int maxOutputTokens,
        int imageTokens, Instant createdAt) {

    public static ModelView from(Model m) {
        return new ModelView(m.getId(), m.getProvider().getId(), m.getProvider().getKind(), m.getProvider().isDemo(),
                m.getUpstreamModel(), m.getInputPrice().setScale(6), m.getOutputPrice().setScale(6),
                m.getCachedInputPrice().setScale(6), m.getMaxOutputTokens(), m.getImageTokens(), m.getCreatedAt());
    }
}
