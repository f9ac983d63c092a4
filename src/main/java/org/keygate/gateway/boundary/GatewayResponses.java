package org.keygate.gateway.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.ErrorShape;
import org.keygate.gateway.control.GatewayError;
import org.keygate.gateway.control.GatewayException;
import org.keygate.gateway.control.RateDecision;
import org.keygate.gateway.control.RateHeaders;

/**
 * Writes the gateway's own answers: errors with their headers, in the caller's {@link ErrorShape}
 * (OpenAI's, or Anthropic's on {@code /v1/messages}; the same status and headers in both), and
 * JSON bodies.
 */
final class GatewayResponses {

    private GatewayResponses() {
    }

    static void error(HttpServletResponse response, GatewayException e, ErrorShape shape) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.getOutputStream().write(errorHead(response, e, shape));
    }

    /**
     * Sets the status and headers of the error answer for {@code e} and answers its body, for a
     * caller that writes it itself (the asynchronous relay writes without blocking).
     */
    static byte[] errorHead(HttpServletResponse response, GatewayException e, ErrorShape shape) {
        response.resetBuffer(); // headers set so far (request id, rate limits) stay valid
        GatewayError error = e.error();
        if (error.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        RateHeaders headers = e.headers();
        if (headers != null) {
            rateHeaders(response, headers);
            if (error.status() == 429) {
                response.setHeader("Retry-After", Long.toString(headers.retryAfterSeconds()));
            }
        }
        byte[] bytes = shape.body(error, e.getMessage(), e.param()).getBytes(StandardCharsets.UTF_8);
        head(response, error.status(), "application/json", bytes.length);
        return bytes;
    }

    /** Status, content type (UTF-8) and length of an answer whose body is written next. */
    static void head(HttpServletResponse response, int status, String contentType, int length) {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(length);
    }

    static void rateHeaders(HttpServletResponse response, RateHeaders headers) {
        response.setHeader("X-RateLimit-Limit", headers.limit());
        response.setHeader("X-RateLimit-Remaining", headers.remaining());
        response.setHeader("X-RateLimit-Reset", Long.toString(headers.resetSeconds()));
    }

    static void rateHeaders(HttpServletResponse response, RateDecision decision) {
        response.setHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
        response.setHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        response.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    static void json(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        head(response, status, "application/json", bytes.length);
        response.getOutputStream().write(bytes);
    }
}
