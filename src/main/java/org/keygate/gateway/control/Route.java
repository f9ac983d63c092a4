package org.keygate.gateway.control;

import org.keygate.catalog.entity.ModelProvider;

/**
 * Where one catalogue model goes: its provider (kind {@code demo} answers locally,
 * {@code anthropic} speaks Anthropic's Messages API, {@code openai} the OpenAI one), the upstream
 * base URL and model name, the resolved credential (never logged or shown), the prices and the
 * output cap and tokens per image used for reservations.
 */
public record Route(String modelId, String providerId, boolean demo, String baseUrl, String credential,
        String upstreamModel, Price price, int maxOutputTokens, long createdEpochSeconds, String providerKind,
        int imageTokens) {

    /** A route to an {@code openai} (or, with {@code demo}, the demo) provider. */
    public Route(String modelId, String providerId, boolean demo, String baseUrl, String credential,
            String upstreamModel, Price price, int maxOutputTokens, long createdEpochSeconds) {
        this(modelId, providerId, demo, baseUrl, credential, upstreamModel, price, maxOutputTokens, createdEpochSeconds,
                demo ? ModelProvider.DEMO : ModelProvider.OPENAI, org.keygate.catalog.entity.Model.DEFAULT_IMAGE_TOKENS);
    }

    /** The upstream takes Anthropic's Messages API (auth by {@code x-api-key}, {@code anthropic-version}). */
    public boolean anthropic() {
        return ModelProvider.ANTHROPIC.equals(providerKind);
    }

    @Override
    public String toString() {
        return "Route[" + modelId + " → " + providerId + "/" + upstreamModel + "]";
    }
}
