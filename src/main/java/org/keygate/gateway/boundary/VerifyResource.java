package org.keygate.gateway.boundary;

import java.time.Clock;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keygate.access.boundary.Caller;
import org.keygate.gateway.control.Gate;
import org.keygate.gateway.control.GatewayException;
import org.keygate.gateway.control.GatewayKey;
import org.keygate.gateway.control.RateDecision;
import org.keygate.gateway.control.RequestIds;
import org.keygate.gateway.control.SpendGuard;
import org.keygate.usage.boundary.UsageRecorder;
import org.keygate.usage.control.UsageEvent;

/**
 * {@code POST /api/v1/verify} (docs/gateway.md) for gateways in front of their own upstreams. Authenticated
 * as a service: a member with the org role SERVICE (a machine account) or ORG_ADMIN, so an ordinary
 * member cannot probe keys. AUDITOR is refused: a verdict is not read-only, it counts against the
 * key's rate limit and is metered. The same checks as the gateway filter, in
 * the same order; a valid verdict counts against the key's rate limit like a call (the caller is
 * about to make one) and every verdict on a known key is metered. Always 200: the verdict is the
 * body.
 */
@Path("v1/verify")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VerifyResource {

    @Inject
    Caller caller;

    @Inject
    Gate gate;

    @Inject
    SpendGuard spend;

    @Inject
    UsageRecorder recorder;

    @Inject
    Clock clock;

    @POST
    public VerifyView verify(VerifyRequest request) {
        caller.requireService();
        long started = System.nanoTime();
        long now = clock.millis();
        GatewayKey key = null;
        RateDecision rate = null;
        GatewayException refusal = null;
        try {
            key = gate.authenticate(request.key(), now);
            gate.checkStatus(key, now);
            gate.checkIp(key, request.ip());
            if (request.model() != null) {
                gate.route(key, request.model());
            }
            Gate.Admission admitted = gate.admitVerify(key, request.ip(), request.model(), now);
            key = admitted.key();
            rate = admitted.rate();
        } catch (GatewayException e) {
            refusal = e;
        }
        if (key != null) {
            spend.count(key.budget(), now);
            recorder.meterAndWait(new UsageEvent(RequestIds.next(now), key.id(), key.teamId(), request.model(), null,
                    refusal == null ? 200 : refusal.error().status(), refusal == null ? null : refusal.error().code(),
                    0, 0, 0, 0, 0, (int) ((System.nanoTime() - started) / 1_000_000), request.ip(), now * 1000));
        }
        return new VerifyView(refusal == null, refusal == null ? "valid" : refusal.error().code(),
                key == null ? null : key.id(), key == null ? null : key.teamId(),
                rate == null ? null : rate.remaining(), refusal == null ? null : refusal.getMessage());
    }
}
