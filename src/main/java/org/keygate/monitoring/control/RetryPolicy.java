package org.keygate.monitoring.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential back-off for webhook deliveries: after failed attempt n the next one waits
 * {@code first}·2^(n−1), at most {@code cap}; after {@code maxAttempts} the delivery is given up.
 */
public record RetryPolicy(Duration first, Duration cap, int maxAttempts) {

    /** When to try again after {@code attempts} failed attempts, or empty when it is time to give up. */
    public Optional<Instant> next(Instant failedAt, int attempts) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
        Duration wait = first.multipliedBy(factor);
        return Optional.of(failedAt.plus(wait.compareTo(cap) > 0 ? cap : wait));
    }
}
