package org.keygate.gateway.boundary;

import org.keygate.gateway.control.ChatRequest;
import org.keygate.gateway.control.GatewayKey;
import org.keygate.gateway.control.RateDecision;
import org.keygate.gateway.control.Reservation;
import org.keygate.gateway.control.Route;
import org.keygate.gateway.control.Usage;

/**
 * One gateway call as it passes from the filter to a servlet and back: what the checks found and
 * what the relay reports. The filter owns its end: settle or release the reservation, meter it.
 */
final class GatewayCall {

    static final String ATTRIBUTE = GatewayCall.class.getName();

    final String requestId;
    final long startedMillis;
    final long startedNanos;
    final long startedAtMicros;
    GatewayKey key;
    String clientIp;
    String model;
    Route route;
    ChatRequest chat;
    RateDecision rate;
    Reservation reservation;
    String errorCode;
    Usage usage;
    /** The upstream answered but its usage could not be read: the call is billed at its reservation. */
    boolean chargeReservation;

    GatewayCall(String requestId, long startedMillis, long startedNanos, long startedAtMicros) {
        this.requestId = requestId;
        this.startedMillis = startedMillis;
        this.startedNanos = startedNanos;
        this.startedAtMicros = startedAtMicros;
    }
}
