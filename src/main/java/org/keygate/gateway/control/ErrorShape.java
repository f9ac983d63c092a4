package org.keygate.gateway.control;

/**
 * How the gateway's own errors look on a path: OpenAI's {@code {"error":{…}}} everywhere, and
 * Anthropic's {@code {"type":"error","error":{"type":…,"message":…}}} on {@code /v1/messages}, so
 * the Anthropic SDKs read Keygate's refusals like Anthropic's own. Status codes and headers are
 * the same in both; the Anthropic shape keeps Keygate's stable {@code code} (and {@code param})
 * inside {@code error}, which those clients ignore. Chosen from the path alone, so a refusal
 * before the body is read (a bad key) has the caller's shape too.
 */
public enum ErrorShape {
    OPENAI,
    ANTHROPIC;

    /** The shape of answers on {@code path} (the request URI without the context path). */
    public static ErrorShape forPath(String path) {
        Endpoint endpoint = Endpoint.of(path);
        return endpoint == null ? OPENAI : endpoint.errorShape();
    }

    /** The body of an error answer; the message must never hold a key. */
    public String body(GatewayError error, String message, String param) {
        if (this == OPENAI) {
            return error.body(message, param);
        }
        StringBuilder out = new StringBuilder(112 + message.length());
        out.append("{\"type\":\"error\",\"error\":{\"type\":\"").append(anthropicType(error)).append("\",\"message\":");
        JsonText.quote(out, message);
        out.append(",\"code\":\"").append(error.code()).append('"');
        if (param != null) {
            JsonText.quote(out.append(",\"param\":"), param);
        }
        return out.append("}}").toString();
    }

    /** The last event of a stream that failed after its first event: OpenAI's {@code data:} block, Anthropic's {@code error} event. */
    public String streamEvent(GatewayError error, String message) {
        String body = body(error, message, null);
        return this == OPENAI ? "data: " + body + "\n\n" : "event: error\ndata: " + body + "\n\n";
    }

    /** Anthropic's error type for the status (its API documents one type per status). */
    static String anthropicType(GatewayError error) {
        return switch (error.status()) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            default -> error.status() >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
