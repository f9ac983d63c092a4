package org.keygate.operations.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.boundary.Metrics;

/**
 * {@code GET /metrics}: every series of the node's {@link Metrics} registry in the Prometheus text
 * format, for a scraper. No authentication, like {@code /health}: no label names a key, a key id
 * or a person; restrict the path at the balancer if team ids and call counts are not for everyone.
 */
@WebServlet(name = "Metrics", urlPatterns = "/metrics")
public class MetricsServlet extends HttpServlet {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Metrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
