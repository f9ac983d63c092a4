package org.keygate.it;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.monitoring.boundary.AnomalyScan;
import org.keygate.usage.boundary.UsageRecorder;
import org.keygate.usage.control.UsageEvent;

/**
 * Added only to the test deployments of the detector tests (never part of the WAR): lets a
 * black-box test run one complete anomaly scan now instead of sleeping through timer periods, and
 * give a key a usage history in the past through the application's own usage writer (raw records
 * and roll-ups, exactly as gateway calls are written) — the detectors need days or weeks of
 * history that a test cannot wait for.
 *
 * <ul>
 * <li>{@code POST /it-hooks/scan}: {@link AnomalyScan#runNow()}</li>
 * <li>{@code POST /it-hooks/history?key_id=&team_id=&model=&at=<instant>&calls=&tokens=}: that many
 * successful calls of that many tokens each (half input, half output, no cost) at {@code at}, from
 * 127.0.0.1, written before the answer</li>
 * </ul>
 */
@WebServlet("/it-hooks/*")
public class ScanHook extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AnomalyScan scan;

    @Inject
    UsageRecorder recorder;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/scan" -> scan.runNow();
            case "/history" -> history(request);
            default -> {
                response.sendError(404);
                return;
            }
        }
        response.setStatus(204);
    }

    private void history(HttpServletRequest request) {
        Instant at = Instant.parse(request.getParameter("at")).truncatedTo(ChronoUnit.MICROS);
        int calls = Integer.parseInt(request.getParameter("calls"));
        long tokens = Long.parseLong(request.getParameter("tokens"));
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        java.util.List<java.util.concurrent.CompletableFuture<Void>> durable = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            durable.add(recorder.journal().append(new UsageEvent("it-" + UUID.randomUUID(), request.getParameter("key_id"),
                    request.getParameter("team_id"), request.getParameter("model"), "demo", 200, null, tokens / 2,
                    tokens - tokens / 2, 0, 0, 0, 5, "127.0.0.1", micros + i)));
        }
        java.util.concurrent.CompletableFuture.allOf(durable.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        recorder.flushNow();
    }
}
