package org.keygate.gateway.boundary;

import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters of what the gateway did since start, for operators and for the benchmark's proof that
 * unknown-key floods never reach the database. {@link LongAdder}s: no contention on the hot path.
 */
@ApplicationScoped
public class GatewayStats {

    final LongAdder dbQueries = new LongAdder();
    final LongAdder keyLoads = new LongAdder();
    final LongAdder unknownKeys = new LongAdder();
    final LongAdder malformedKeys = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder relayed = new LongAdder();
    /** Upstream answers given up because they went silent (keygate.gateway.upstream-idle-timeout-ms). */
    final LongAdder stalled = new LongAdder();
}
