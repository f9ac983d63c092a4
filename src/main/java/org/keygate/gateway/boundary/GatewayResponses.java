package org.keygate.gateway.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.GatewayError;
import org.keygate.gateway.control.GatewayException;
import org.keygate.gateway.control.RateDecision;
import org.keygate.gateway.control.RateHeaders;

/** Writes the gateway's own answers: OpenAI-style errors with their headers, and JSON bodies. */
final class GatewayResponses {

    private GatewayResponses() {
    }

    static void error(HttpServletResponse response, GatewayException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
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
        json(response, error.status(), error.body(e.getMessage(), e.param()));
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
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
