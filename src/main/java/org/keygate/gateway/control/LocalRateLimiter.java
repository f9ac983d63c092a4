package org.keygate.gateway.control;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

/**
 * {@link RateLimiter} for one node: a {@link SlidingWindow} per key, each with its own lock, so
 * keys never contend with each other and the critical section is a few array operations.
 */
@ApplicationScoped
@Typed(LocalRateLimiter.class)
public class LocalRateLimiter implements RateLimiter {

    private final ConcurrentHashMap<String, SlidingWindow> windows = new ConcurrentHashMap<>();

    @Override
    public RateDecision acquire(String keyId, int limit, long nowMillis) {
        return window(keyId).acquire(limit, nowMillis);
    }

    @Override
    public RateDecision peek(String keyId, int limit, long nowMillis) {
        SlidingWindow window = windows.get(keyId);
        return window == null ? new RateDecision(true, limit, limit, 0) : window.peek(limit, nowMillis);
    }

    private SlidingWindow window(String keyId) {
        SlidingWindow window = windows.get(keyId);
        return window != null ? window : windows.computeIfAbsent(keyId, k -> new SlidingWindow());
    }
}
