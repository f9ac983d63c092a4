package org.keygate.gateway.control;

/**
 * The values of {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (seconds) and, on a
 * refusal, {@code Retry-After} (seconds). For the request rate they count calls; for a refused
 * daily budget they are USD amounts, so the client sees the limit that was actually hit.
 */
public record RateHeaders(String limit, String remaining, long resetSeconds, long retryAfterSeconds) {

    public static RateHeaders of(RateDecision d) {
        long reset = d.resetSeconds();
        return new RateHeaders(Integer.toString(d.limit()), Integer.toString(d.remaining()), reset,
                Math.max(1, reset));
    }
}
