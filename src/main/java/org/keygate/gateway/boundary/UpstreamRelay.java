package org.keygate.gateway.boundary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.keygate.gateway.control.GatewayStats;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.GatewayError;
import org.keygate.gateway.control.GatewayException;
import org.keygate.gateway.control.IdleWatch;
import org.keygate.gateway.control.ModelField;
import org.keygate.gateway.control.Route;
import org.keygate.gateway.control.Usage;

/**
 * Relays a chat completion to an OpenAI-compatible upstream with {@link HttpClient}: the client's
 * body with only {@code model} rewritten, the provider's credential, and the answer passed back
 * as it arrives — a JSON body whole, an SSE stream line by line, flushed at every event — with the
 * upstream model name turned back into the catalogue id. Usage is read from the body or the final
 * chunk. Upstream failures become 502, timeouts 504; a client's own 400/413/422 is passed through.
 * An answer that goes silent for {@code keygate.gateway.upstream-idle-timeout-ms} after its headers
 * is given up ({@link IdleWatch}): a JSON answer becomes 504, a stream ends with an error event.
 * Prompts and completions only ever pass through memory; nothing here logs them.
 */
@ApplicationScoped
public class UpstreamRelay {

    private static final Logger LOG = Logger.getLogger(UpstreamRelay.class.getName());

    @Inject
    GatewayConfig config;

    @Inject
    GatewayStats stats;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private HttpClient http;
    private IdleWatch idle;
    private ScheduledFuture<?> sweeper;
    private final JsonProvider json = JsonProvider.provider();

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        idle = new IdleWatch(config.upstreamIdleTimeoutMs(), System::nanoTime);
        long tick = Math.max(50, Math.min(1000, config.upstreamIdleTimeoutMs() / 4));
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        http = null;
    }

    private void sweep() {
        int stalled = idle.sweep();
        if (stalled > 0) {
            stats.stalled().add(stalled);
        }
    }

    void relay(GatewayCall call, HttpServletResponse response) throws IOException {
        Route route = call.route;
        boolean stream = call.chat.stream();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(route.baseUrl() + "/chat/completions"))
                .timeout(Duration.ofMillis(config.upstreamTimeoutMs()))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.chat.forUpstream(route.upstreamModel(), json)));
        if (route.credential() != null) {
            request.header("Authorization", "Bearer " + route.credential());
        }
        HttpResponse<InputStream> upstream;
        try {
            upstream = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new GatewayException(GatewayError.UPSTREAM_TIMEOUT, "The upstream provider '" + route.providerId()
                    + "' did not answer within " + config.upstreamTimeoutMs() + " ms.");
        } catch (IOException e) {
            LOG.log(Level.FINE, "upstream " + route.providerId() + " unreachable", e);
            throw new GatewayException(GatewayError.UPSTREAM_UNAVAILABLE, "The upstream provider '" + route.providerId()
                    + "' could not be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException(GatewayError.UPSTREAM_UNAVAILABLE, "The relay was interrupted.");
        }
        stats.relayed().increment();
        int status = upstream.statusCode();
        String contentType = upstream.headers().firstValue("Content-Type").orElse("application/json");
        try (IdleWatch.Watched body = idle.watch(upstream.body())) {
            if (status >= 200 && status < 300) {
                if (stream && contentType.startsWith("text/event-stream")) {
                    pipeStream(call, body, response);
                } else {
                    pipeJson(call, body, contentType, response);
                }
            } else if (status == 400 || status == 413 || status == 422) {
                byte[] bytes = readAtMost(body, 65_536);
                call.errorCode = "upstream_" + status;
                response.setStatus(status);
                response.setContentType(contentType);
                response.setContentLength(bytes.length);
                response.getOutputStream().write(bytes);
            } else {
                throw new GatewayException(GatewayError.UPSTREAM_ERROR, "The upstream provider '" + route.providerId()
                        + "' answered with HTTP " + status + ".");
            }
        } catch (IdleWatch.Stalled e) {
            throw new GatewayException(GatewayError.UPSTREAM_TIMEOUT, stalledMessage(route));
        }
    }

    private String stalledMessage(Route route) {
        return "The upstream provider '" + route.providerId() + "' stopped sending its answer for "
                + idle.idleMillis() + " ms.";
    }

    private void pipeJson(GatewayCall call, InputStream body, String contentType, HttpServletResponse response)
            throws IOException {
        byte[] bytes = readAtMost(body, config.maxResponseBytes());
        if (bytes.length > config.maxResponseBytes()) {
            call.chargeReservation = true;
            throw new GatewayException(GatewayError.UPSTREAM_ERROR, "The upstream answer is larger than "
                    + config.maxResponseBytes() + " bytes.");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        call.usage = usageOf(text);
        if (call.usage == null) {
            call.chargeReservation = true;
        }
        byte[] out = ModelField.rewrite(text, call.route.upstreamModel(), call.route.modelId())
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(contentType);
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    /** SSE as it arrives: each line rewritten and written, the response flushed at the end of every event. */
    private void pipeStream(GatewayCall call, InputStream body, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        call.chargeReservation = true; // until the usage chunk arrives
        OutputStream out = response.getOutputStream();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String upstreamModel = call.route.upstreamModel();
        String modelId = call.route.modelId();
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    out.write('\n');
                    response.flushBuffer();
                    continue;
                }
                if (line.startsWith("data:")) {
                    if (line.contains("\"usage\"")) {
                        Usage usage = usageOf(line.substring(5).strip());
                        if (usage != null) {
                            call.usage = usage;
                        }
                    }
                    line = ModelField.rewrite(line, upstreamModel, modelId);
                }
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
            response.flushBuffer();
        } catch (IdleWatch.Stalled e) {
            // the status line went out long ago: say so in the stream, as OpenAI does for errors mid-stream
            call.errorCode = GatewayError.UPSTREAM_TIMEOUT.code();
            try {
                out.write(("data: " + GatewayError.UPSTREAM_TIMEOUT.body(stalledMessage(call.route), null)
                        + "\n\n").getBytes(StandardCharsets.UTF_8));
                response.flushBuffer();
            } catch (IOException gone) {
                LOG.log(Level.FINE, "client of request " + call.requestId + " left before the stall was reported", gone);
            }
        } catch (IOException e) {
            // the client went away or the upstream broke off: the answer so far is all there is
            LOG.log(Level.FINE, "stream for request " + call.requestId + " ended early", e);
        }
    }

    private Usage usageOf(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try (JsonReader reader = json.createReader(new StringReader(text))) {
            return Usage.from((JsonObject) reader.read());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Up to {@code max + 1} bytes, so the caller can tell "exactly max" from "more". */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max + 1);
    }
}
