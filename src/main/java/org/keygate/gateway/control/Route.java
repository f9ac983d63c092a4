package org.keygate.gateway.control;

/**
 * Where one catalogue model goes: its provider (kind {@code demo} answers locally), the upstream
 * base URL and model name, the resolved credential (never logged or shown), the prices and the
 * output cap used for reservations.
 */
public record Route(String modelId, String providerId, boolean demo, String baseUrl, String credential,
        String upstreamModel, Price price, int maxOutputTokens, long createdEpochSeconds) {

    @Override
    public String toString() {
        return "Route[" + modelId + " → " + providerId + "/" + upstreamModel + "]";
    }
}
