package org.keygate.gateway.control;

/**
 * An exact rolling 60-second window for one key: the timestamps of the last accepted calls in a
 * ring buffer, oldest first. A call is accepted when fewer than {@code limit} accepted calls are
 * younger than 60 s, so with limit N exactly N calls pass in any 60 s, however they interleave.
 * Expired entries are dropped from the head as time moves on (amortised O(1)); the buffer grows
 * only as far as the traffic needs, not to the configured limit up front.
 */
final class SlidingWindow {

    static final long WINDOW_MILLIS = 60_000;

    private long[] ring = new long[8];
    private int head;
    private int size;

    /** Takes a slot if one is free at {@code now}. */
    synchronized RateDecision acquire(int limit, long now) {
        expire(now);
        if (size >= limit) {
            return new RateDecision(false, limit, 0, resetMillis(now));
        }
        if (size == ring.length) {
            grow(Math.min(Math.max(ring.length * 2, 8), Math.max(limit, 8)));
        }
        ring[(head + size) % ring.length] = now;
        size++;
        return new RateDecision(true, limit, limit - size, resetMillis(now));
    }

    /** The state at {@code now} without taking a slot. */
    synchronized RateDecision peek(int limit, long now) {
        expire(now);
        return new RateDecision(size < limit, limit, Math.max(0, limit - size), resetMillis(now));
    }

    private void expire(long now) {
        long cutoff = now - WINDOW_MILLIS;
        while (size > 0 && ring[head] <= cutoff) {
            head = (head + 1) % ring.length;
            size--;
        }
    }

    /** Until the oldest accepted call leaves the window, i.e. the next slot frees; 0 when empty. */
    private long resetMillis(long now) {
        return size == 0 ? 0 : Math.max(0, ring[head] + WINDOW_MILLIS - now);
    }

    private void grow(int capacity) {
        long[] bigger = new long[capacity];
        for (int i = 0; i < size; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }
}
