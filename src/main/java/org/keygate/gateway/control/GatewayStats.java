package org.keygate.gateway.control;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters of what the gateway did since start, for operators and for the benchmark's proof that
 * unknown-key floods never reach the database. {@link LongAdder}s: no contention on the hot path.
 */
@ApplicationScoped
public class GatewayStats {

    private final LongAdder dbQueries = new LongAdder();
    private final LongAdder keyLoads = new LongAdder();
    private final LongAdder unknownKeys = new LongAdder();
    private final LongAdder malformedKeys = new LongAdder();
    private final LongAdder calls = new LongAdder();
    private final LongAdder relayed = new LongAdder();
    /** Upstream answers given up because they went silent (keygate.gateway.upstream-idle-timeout-ms). */
    private final LongAdder stalled = new LongAdder();

    public LongAdder dbQueries() {
        return dbQueries;
    }

    public LongAdder keyLoads() {
        return keyLoads;
    }

    public LongAdder unknownKeys() {
        return unknownKeys;
    }

    public LongAdder malformedKeys() {
        return malformedKeys;
    }

    public LongAdder calls() {
        return calls;
    }

    public LongAdder relayed() {
        return relayed;
    }

    public LongAdder stalled() {
        return stalled;
    }
}
