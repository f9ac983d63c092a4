package org.keygate.gateway.control;

/**
 * A call the gateway answers with an OpenAI-style error instead of relaying it. Thrown by the
 * control classes, turned into the response by the filter; no stack trace, it is not a fault.
 */
public class GatewayException extends RuntimeException {

    private final GatewayError error;
    private final String param;
    private RateHeaders headers;

    public GatewayException(GatewayError error, String message, String param) {
        super(message, null, false, false);
        this.error = error;
        this.param = param;
    }

    public GatewayException(GatewayError error, String message) {
        this(error, message, null);
    }

    /** Adds the {@code Retry-After} / {@code X-RateLimit-*} values a 429 carries. */
    public GatewayException with(RateHeaders headers) {
        this.headers = headers;
        return this;
    }

    public RateHeaders headers() {
        return headers;
    }

    public GatewayError error() {
        return error;
    }

    public String param() {
        return param;
    }
}
