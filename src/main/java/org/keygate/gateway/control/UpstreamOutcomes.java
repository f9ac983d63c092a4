package org.keygate.gateway.control;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What each upstream provider did with the calls this node relayed to it since start: how the
 * last one ended (its status line, or how it failed), when, and how many of the last
 * {@link #RECENT} failed. For {@code /health/ready}, as information: an upstream's outage is not
 * this node's. The in-process {@code demo} provider is not among them, since its calls never
 * leave the node.
 *
 * <p>Every relayed call ends here, on a relay thread, without a lock and without allocating: a
 * provider's record is made once, on its first call (the catalogue's providers bound the map),
 * its last outcome is one volatile long, so a reader never sees one call's status with another's
 * time, and its recent calls are the bits of another.
 */
@ApplicationScoped
public class UpstreamOutcomes {

    /** How many of a provider's latest calls {@link Seen#recentFailures} looks at. */
    public static final int RECENT = 20;

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    /**
     * A call relayed to {@code provider} ended: {@code status} is the upstream's status line (0 if
     * none came), {@code failure} how the upstream failed it (null if it did not). A call given up
     * before the upstream answered (the client gone, the server stopping) says nothing about the
     * upstream and is not counted.
     */
    public void ended(String provider, int status, UpstreamFailure failure, long atMillis) {
        if (status == 0 && failure == null) {
            return;
        }
        Provider p = providers.get(provider);
        if (p == null) {
            p = providers.computeIfAbsent(provider, id -> new Provider());
        }
        p.ended(status, failure, atMillis);
    }

    /** Every provider relayed to since start, by id. */
    public SortedMap<String, Seen> seen() {
        SortedMap<String, Seen> seen = new TreeMap<>();
        providers.forEach((id, p) -> seen.put(id, p.seen()));
        return seen;
    }

    /**
     * A provider's latest calls as last seen: the last one's status line (0: none came), how it
     * failed (null: it answered), when it ended, and of the latest {@code recentCalls} (at most
     * {@link #RECENT}) how many failed.
     */
    public record Seen(int lastStatus, UpstreamFailure lastFailure, Instant lastAt, int recentCalls,
            int recentFailures) {
    }

    /** One provider's record; packs the last outcome as time (ms) · status (10 bits) · failure (4 bits). */
    static final class Provider {

        private static final UpstreamFailure[] FAILURES = UpstreamFailure.values();
        private static final long RECENT_MASK = (1L << RECENT) - 1;

        private volatile long last;
        /** Bit i: whether the (i+1)-th latest call failed. */
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();

        void ended(int status, UpstreamFailure failure, long atMillis) {
            int kind = failure == null ? 0 : failure.ordinal() + 1;
            last = atMillis << 14 | (long) Math.min(status, 1023) << 4 | kind;
            calls.incrementAndGet(); // before the bit, so that a reader never finds more failures than calls
            long bit = kind == 0 ? 0 : 1;
            long bits;
            do {
                bits = failed.get();
            } while (!failed.compareAndSet(bits, (bits << 1 | bit) & RECENT_MASK));
        }

        Seen seen() {
            long packed = last;
            int failures = Long.bitCount(failed.get());
            int recent = (int) Math.min(RECENT, calls.get());
            int kind = (int) (packed & 0xF);
            return new Seen((int) (packed >>> 4 & 1023), kind == 0 ? null : FAILURES[kind - 1],
                    Instant.ofEpochMilli(packed >>> 14), recent, failures);
        }
    }
}
