package org.keygate.gateway.boundary;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.keygate.gateway.control.Endpoint;
import org.keygate.gateway.control.ErrorShape;
import org.keygate.gateway.control.GatewayKey;
import org.keygate.gateway.control.RateDecision;
import org.keygate.gateway.control.RelayedRequest;
import org.keygate.gateway.control.Reservation;
import org.keygate.gateway.control.Route;
import org.keygate.gateway.control.UpstreamFailure;
import org.keygate.gateway.control.Usage;

/**
 * One gateway call as it passes from the filter to a servlet and back: what the checks found and
 * what the relay reports. Its {@link #end} (settle or release the reservation, count and meter the
 * call) runs exactly once, whichever way the call ends: the filter ends synchronous calls, the
 * asynchronous relay ends the ones it took over ({@link #async}), from whichever thread sees the
 * end first. What the relay reports is written from the relay's threads, hence volatile.
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
    /** The relayed endpoint and what its body asked for; null for the gateway's own endpoints. */
    Endpoint api;
    RelayedRequest request;
    RateDecision rate;
    Reservation reservation;
    /** The {@code endpoint} label of {@link org.keygate.gateway.control.GatewayMetrics}. */
    String endpoint;
    /** How the gateway's own errors look to this caller, from the path (known before the body is read). */
    ErrorShape errors = ErrorShape.OPENAI;
    /** {@link System#nanoTime} when the relay sent the call upstream and when the upstream's status line came; 0 if never. */
    volatile long upstreamSentNanos;
    volatile long upstreamAnsweredNanos;
    /** The upstream's status line (0: none came) and how the upstream failed the call (null: it did not). */
    volatile int upstreamStatus;
    volatile UpstreamFailure upstreamFailure;
    volatile String errorCode;
    volatile Usage usage;
    /** The upstream answered but its usage could not be read: the call is billed at its reservation. */
    volatile boolean chargeReservation;
    /** The status the client got (or was about to get), for the usage record. */
    volatile int status = 200;
    /** The relay took the call over (servlet async): the relay ends it, not the filter. */
    volatile boolean async;
    /** Completes once the call's usage record is durable in the journal; null for a call not metered. */
    volatile CompletableFuture<Void> metered;
    /** What ending does (the filter's settle-and-meter). */
    Consumer<GatewayCall> ender;
    private final AtomicBoolean ended = new AtomicBoolean();

    GatewayCall(String requestId, long startedMillis, long startedNanos, long startedAtMicros) {
        this.requestId = requestId;
        this.startedMillis = startedMillis;
        this.startedNanos = startedNanos;
        this.startedAtMicros = startedAtMicros;
    }

    /** Ends the call with the client's {@code status}, once: answers false if it had already ended. */
    boolean end(int status) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        this.status = status;
        ender.accept(this);
        return true;
    }
}
