package org.keygate.gateway.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keygate.gateway.control.GatewayStats;

import org.keygate.access.boundary.Caller;
import org.keygate.gateway.control.KeyDirectory;
import org.keygate.platform.control.Forbidden;
import org.keygate.usage.boundary.UsageRecorder;

/**
 * {@code GET /api/v1/gateway/stats}: counters since start (ORG_ADMIN, AUDITOR). {@code db_queries}
 * counts every SQL query the gateway itself ran; the benchmark reads it before and after a flood
 * of unknown keys to show the flood caused none.
 */
@Path("v1/gateway/stats")
@Produces(MediaType.APPLICATION_JSON)
public class GatewayStatsResource {

    @Inject
    Caller caller;

    @Inject
    GatewayStats stats;

    @Inject
    KeyDirectory keys;

    @Inject
    UsageRecorder recorder;

    @GET
    public StatsView get() {
        if (!caller.readsEverything()) {
            throw new Forbidden("gateway statistics need the ORG_ADMIN or AUDITOR role");
        }
        return new StatsView(stats.calls().sum(), stats.relayed().sum(), stats.stalled().sum(), stats.dbQueries().sum(), stats.keyLoads().sum(),
                stats.unknownKeys().sum(), stats.malformedKeys().sum(), keys.knownHashes(), keys.cachedEntries(),
                recorder.written(), recorder.statements(), recorder.pending());
    }

    /** The counters; {@code usage_statements} are the usage writer's JDBC batches. */
    public record StatsView(long calls, long relayed, long upstreamStalled, long dbQueries, long keyLoads, long unknownKeys,
            long malformedKeys, int knownKeyHashes, int cachedKeys, long usageWritten, long usageStatements,
            long usagePending) {
    }
}
