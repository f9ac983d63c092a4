package org.keygate.operations.boundary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.platform.control.JsonTrees;

/**
 * {@code GET /health/live} and {@code GET /health/ready} ({@code /health} is readiness too): 200
 * when {@link Health} says up, 503 when not, with a JSON body in the shape MicroProfile Health
 * uses — {@code {"status":"UP|DOWN","checks":[{"name","status","data"}]}} — so the failing check is
 * named. No authentication: load balancers and orchestrators ask, and nothing in it is a secret.
 */
@WebServlet(name = "Health", urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    Health health;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Health.Report report;
        if (path == null || path.equals("/") || path.equals("/ready")) {
            report = health.ready();
        } else if (path.equals("/live")) {
            report = health.live();
        } else {
            response.sendError(404);
            return;
        }
        byte[] body = json(report).getBytes(StandardCharsets.UTF_8);
        response.setStatus(report.up() ? 200 : 503);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String json(Health.Report report) {
        JsonArrayBuilder checks = Json.createArrayBuilder();
        for (Health.Check check : report.checks()) {
            checks.add(Json.createObjectBuilder().add("name", check.name()).add("status", check.up() ? "UP" : "DOWN")
                    .add("data", JsonTrees.of(check.data())));
        }
        return Json.createObjectBuilder().add("status", report.up() ? "UP" : "DOWN").add("checks", checks).build()
                .toString();
    }
}
