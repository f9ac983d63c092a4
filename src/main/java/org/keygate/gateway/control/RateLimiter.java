package org.keygate.gateway.control;

/**
 * Requests per rolling minute per key (docs/gateway.md {@code rpm_limit}). A seam: the local
 * implementation keeps the windows in this JVM; a multi-node deployment backs it with a shared
 * engine so the limit holds across nodes.
 */
public interface RateLimiter {

    /** Counts the call against the key's window if the limit allows it. */
    RateDecision acquire(String keyId, int limit, long nowMillis);

    /** The key's window as it stands, without counting a call. */
    RateDecision peek(String keyId, int limit, long nowMillis);
}
