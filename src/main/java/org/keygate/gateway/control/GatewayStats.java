package org.keygate.gateway.control;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters of what the gateway did since start, for operators and for the benchmark's proof that
 * unknown-key floods never reach the database. {@link LongAdder}s: no contention on the hot path.
 */
@ApplicationScoped
public class GatewayStats {

    public final LongAdder dbQueries = new LongAdder();
    public final LongAdder keyLoads = new LongAdder();
    public final LongAdder unknownKeys = new LongAdder();
    public final LongAdder malformedKeys = new LongAdder();
    public final LongAdder calls = new LongAdder();
    public final LongAdder relayed = new LongAdder();
    /** Upstream answers given up because they went silent (keygate.gateway.upstream-idle-timeout-ms). */
    public final LongAdder stalled = new LongAdder();
}
