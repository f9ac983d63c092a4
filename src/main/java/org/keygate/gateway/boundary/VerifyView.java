package org.keygate.gateway.boundary;

/**
 * The verdict for another gateway: {@code valid}, or the gateway error code (docs/gateway.md) that refused the key;
 * {@code remaining} is what is left of the key's rate limit in the current window.
 */
public record VerifyView(boolean valid, String code, String keyId, String teamId, Integer remaining, String message) {
}
