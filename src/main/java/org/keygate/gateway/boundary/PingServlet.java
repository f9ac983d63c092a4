package org.keygate.gateway.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /ping}: a liveness answer outside the gateway filter. It doubles as the benchmark's
 * baseline (R0), the cost of the server and servlet stack with no Keygate work at all.
 */
@WebServlet(name = "Ping", urlPatterns = "/ping")
public class PingServlet extends HttpServlet {

    private static final byte[] PONG = "pong\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/plain");
        response.setContentLength(PONG.length);
        response.getOutputStream().write(PONG);
    }
}
