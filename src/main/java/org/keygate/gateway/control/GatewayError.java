package org.keygate.gateway.control;

/**
 * Every answer the gateway gives instead of a completion: the HTTP status and the OpenAI-style
 * {@code error.type} / {@code error.code} of docs/gateway.md, in the order the filter checks them.
 * Clients (the OpenAI SDKs among them) branch on status and code, so these never change.
 */
public enum GatewayError {
    KEY_IN_QUERY(401, "authentication_error", "key_in_query"),
    INVALID_API_KEY(401, "authentication_error", "invalid_api_key"),
    KEY_DEACTIVATED(401, "authentication_error", "key_deactivated"),
    KEY_EXPIRED(401, "authentication_error", "key_expired"),
    IP_NOT_ALLOWED(403, "permission_error", "ip_not_allowed"),
    INVALID_REQUEST(400, "invalid_request_error", "invalid_request"),
    REQUEST_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    MODEL_NOT_ALLOWED(403, "permission_error", "model_not_allowed"),
    MODEL_NOT_FOUND(404, "invalid_request_error", "model_not_found"),
    RATE_LIMIT_EXCEEDED(429, "rate_limit_error", "rate_limit_exceeded"),
    DAILY_LIMIT_EXCEEDED(429, "insufficient_quota", "daily_limit_exceeded"),
    INSUFFICIENT_BALANCE(402, "insufficient_quota", "insufficient_balance"),
    /** {@link #INSUFFICIENT_BALANCE} at {@code /auth/verify}: nginx auth_request understands 2xx, 401 and 403 only. */
    INSUFFICIENT_BALANCE_AT_PROXY(403, "insufficient_quota", "insufficient_balance"),
    UNKNOWN_URL(404, "invalid_request_error", "unknown_url"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed"),
    /** Something the gateway did not expect (the container's own error page answers it): never a stack trace. */
    INTERNAL_ERROR(500, "api_error", "internal_error"),
    UPSTREAM_ERROR(502, "api_error", "upstream_error"),
    UPSTREAM_UNAVAILABLE(502, "api_error", "upstream_unavailable"),
    UPSTREAM_TIMEOUT(504, "api_error", "upstream_timeout"),
    /** Several nodes: the shared limits (Redis) cannot be checked, so nothing passes unchecked. */
    GATEWAY_STATE_UNAVAILABLE(503, "api_error", "gateway_state_unavailable"),
    /** A key this node does not hold yet (or must read again) cannot be read: the database does not answer. */
    DATABASE_UNAVAILABLE(503, "api_error", "database_unavailable"),
    /** The call could not be written to the usage journal (disk budget used up, disk failed): none is served unmetered. */
    METERING_UNAVAILABLE(503, "api_error", "metering_unavailable");

    private final int status;
    private final String type;
    private final String code;

    GatewayError(int status, String type, String code) {
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** {@code {"error":{"message":…,"type":…,"code":…,"param":…}}}; the message must never hold a key. */
    public String body(String message, String param) {
        StringBuilder out = new StringBuilder(96 + message.length());
        out.append("{\"error\":{\"message\":");
        JsonText.quote(out, message);
        out.append(",\"type\":\"").append(type).append("\",\"code\":\"").append(code).append("\",\"param\":");
        if (param == null) {
            out.append("null");
        } else {
            JsonText.quote(out, param);
        }
        return out.append("}}").toString();
    }
}
