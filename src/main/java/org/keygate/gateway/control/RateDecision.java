package org.keygate.gateway.control;

/**
 * One rate-limit answer: whether the call may pass, and the numbers for the
 * {@code X-RateLimit-*} and {@code Retry-After} headers.
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetMillis) {

    /** Whole seconds until the next slot frees, rounded up, at least 1 when waiting is needed. */
    public long resetSeconds() {
        return (resetMillis + 999) / 1000;
    }
}
