package org.keygate.gateway.control;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** How an upstream failed a relayed call, as {@code /health/ready} names it. */
public enum UpstreamFailure {

    /** It answered with a status the relay does not pass on (a 5xx, 401, 429, …). */
    ERROR_STATUS("error_status"),
    /** Its host name did not resolve. */
    UNKNOWN_HOST("unknown_host"),
    /** The connection was refused, or the host could not be routed to. */
    CONNECT_FAILED("connect_failed"),
    /** The connection was not made within {@code keygate.gateway.upstream-connect-timeout-ms}. */
    CONNECT_TIMEOUT("connect_timeout"),
    /** Another failure before its status line (TLS, a reset). */
    UNREACHABLE("unreachable"),
    /** No status line within {@code keygate.gateway.upstream-timeout-ms}. */
    TIMEOUT("timeout"),
    /** Silent for {@code keygate.gateway.upstream-idle-timeout-ms} after its status line. */
    STALLED("stalled"),
    /** Its connection broke off within the answer. */
    BROKE_OFF("broke_off"),
    /** Its answer, or a line of its event stream, was larger than {@code keygate.gateway.max-response-bytes}. */
    TOO_LARGE("too_large");

    private final String code;

    UpstreamFailure(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * Why the exchange failed, from the JDK client's exception and whether the status line had
     * come: a refused connection is a {@link ConnectException}, an unresolvable host one caused by
     * {@link UnresolvedAddressException}.
     */
    public static UpstreamFailure of(Throwable cause, boolean statusCame) {
        if (cause instanceof HttpConnectTimeoutException) {
            return CONNECT_TIMEOUT;
        }
        if (cause instanceof HttpTimeoutException) {
            return TIMEOUT;
        }
        if (statusCame) {
            return BROKE_OFF;
        }
        if (cause instanceof ConnectException) {
            return cause.getCause() instanceof UnresolvedAddressException ? UNKNOWN_HOST : CONNECT_FAILED;
        }
        return UNREACHABLE;
    }
}
