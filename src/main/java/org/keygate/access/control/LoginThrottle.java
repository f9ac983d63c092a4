package org.keygate.access.control;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing for {@code local} logins (form and HTTP Basic). Failures are counted
 * per user name and client address; after {@code freeFailures} of them in a row, each next attempt
 * must wait 1 s, then 2 s, 4 s … up to {@code maxDelay} after the last failure, and an attempt made
 * too early is refused without the password being checked (nor counted). A success clears the
 * count. Counting per address as well keeps an attacker from locking a real user out from
 * elsewhere; counting unknown user names the same way reveals nothing about which names exist.
 * State is per node and in memory (a guessing rate bounded per node is bounded in total by the
 * number of nodes).
 */
public final class LoginThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, long lastMillis) {
    }

    private final int freeFailures;
    private final long maxDelayMillis;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int freeFailures, Duration maxDelay, Clock clock) {
        if (freeFailures < 1 || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("at least one free failure and a positive maximum delay are needed");
        }
        this.freeFailures = freeFailures;
        this.maxDelayMillis = maxDelay.toMillis();
        this.clock = clock;
    }

    /** How long before an attempt for this user from this address is checked at all; zero when it may go ahead. */
    public Duration waitFor(String username, String address) {
        Failures f = failures.get(key(username, address));
        if (f == null || f.count() < freeFailures) {
            return Duration.ZERO;
        }
        long left = f.lastMillis() + delayMillis(f.count()) - clock.millis();
        return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        if (failures.size() >= MAX_ENTRIES) {
            failures.values().removeIf(f -> now - f.lastMillis() > maxDelayMillis);
        }
        failures.merge(key(username, address), new Failures(1, now),
                (old, one) -> new Failures(old.count() + 1, now));
    }

    public void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    /** The wait after {@code count} failures in a row: none for the free ones, then doubling from 1 s. */
    long delayMillis(int count) {
        int over = count - freeFailures;
        if (over < 0) {
            return 0;
        }
        return over >= 30 ? maxDelayMillis : Math.min(maxDelayMillis, 1000L << over);
    }

    private static String key(String username, String address) {
        return username + '\u0000' + (address == null ? "" : address);
    }
}
