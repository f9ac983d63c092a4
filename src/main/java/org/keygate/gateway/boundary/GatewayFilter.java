package org.keygate.gateway.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.keygate.gateway.control.GatewayStats;
import org.keygate.platform.boundary.ClientAddresses;

import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;

import org.keygate.gateway.control.Endpoint;
import org.keygate.gateway.control.ErrorShape;
import org.keygate.gateway.control.Gate;
import org.keygate.gateway.control.GatewayError;
import org.keygate.gateway.control.GatewayException;
import org.keygate.gateway.control.GatewayKey;
import org.keygate.gateway.control.GatewayMetrics;
import org.keygate.gateway.control.RequestIds;
import org.keygate.gateway.control.SpendGuard;
import org.keygate.gateway.control.UpstreamOutcomes;
import org.keygate.gateway.control.Usage;
import org.keygate.usage.boundary.UsageRecorder;
import org.keygate.usage.control.MeteringUnavailable;
import org.keygate.usage.control.UsageEvent;
import org.keygate.usage.control.UsageJournal;

/**
 * The gateway's front door on {@code /v1/*} and {@code /auth/verify} (docs/gateway.md). In this order,
 * each failure answered at once with the OpenAI-style error: key in the query string; credential
 * ({@code Authorization: Bearer} wins over {@code x-api-key}); format and checksum; lookup by hash;
 * deactivated; expired; client IP; then, for a relayed {@link Endpoint}, the body (size cap, JSON), model
 * allowed, model known, rate, daily cap and balance (a reservation of the call's maximum cost).
 * A passing call goes on to its servlet. Whatever happens, the call is ended once: its reservation
 * settled or released and one usage record queued for every call attributable to a key — here,
 * when the servlet answered on this thread, or by the asynchronous relay when it took the call
 * over ({@link GatewayCall#async}). A call is metered into the usage journal before its answer is
 * released: a synchronous answer is held ({@link HeldResponse}) until the journal's fsync, waited
 * for at most {@code keygate.usage.journal-wait-ms}; a call that cannot be metered is answered 503
 * {@code metering_unavailable} instead.
 *
 * <p>Nothing here touches the database in the steady state, holds a lock across I/O, or logs a
 * key.
 */
@WebFilter(filterName = "GatewayFilter", urlPatterns = {"/v1/*", "/auth/verify"}, asyncSupported = true)
public class GatewayFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(GatewayFilter.class.getName());

    static final String CHAT = Endpoint.CHAT_PATH;
    static final String EMBEDDINGS = Endpoint.EMBEDDINGS_PATH;
    static final String COMPLETIONS = Endpoint.COMPLETIONS_PATH;
    static final String RESPONSES = Endpoint.RESPONSES_PATH;
    static final String MESSAGES = Endpoint.MESSAGES_PATH;
    static final String MODELS = "/v1/models";
    static final String KEY_INFO = "/v1/key/info";
    static final String AUTH_VERIFY = "/auth/verify";
    static final String MODEL_HEADER = "X-Keygate-Model";

    @Inject
    Gate gate;

    @Inject
    SpendGuard spend;

    @Inject
    UsageRecorder recorder;

    @Inject
    GatewayConfig config;

    @Inject
    ClientAddresses addresses;

    @Inject
    GatewayStats stats;

    @Inject
    GatewayMetrics metrics;

    @Inject
    AccessLog accessLog;

    @Inject
    UpstreamOutcomes upstreams;

    @Inject
    Clock clock;

    @Inject
    KeyExposures exposures;

    private UsageJournal usage;
    private long journalWaitMs;
    private JsonProvider json;
    private final Consumer<GatewayCall> ender = this::end;

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        super.init(filterConfig);
        usage = recorder.journal();
        journalWaitMs = recorder.journalWaitMillis();
        json = JsonProvider.provider();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long startedNanos = System.nanoTime();
        long now = clock.millis();
        GatewayCall call = new GatewayCall(RequestIds.next(now), now, startedNanos, now * 1000);
        call.ender = ender;
        stats.calls().increment();
        response.setHeader("X-Request-Id", call.requestId);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        call.endpoint = endpoint(path);
        call.errors = ErrorShape.forPath(path);
        HeldResponse held = new HeldResponse(response);
        boolean answered = false;
        try {
            admit(call, path, request);
            GatewayResponses.rateHeaders(held, call.rate);
            request.setAttribute(GatewayCall.ATTRIBUTE, call);
            chain.doFilter(request, held);
            answered = true;
        } catch (GatewayException e) {
            call.errorCode = e.error().code();
            GatewayResponses.error(held, e, call.errors);
            answered = true;
        } finally {
            if (!call.async) {
                call.end(response.getStatus());
                if (answered) {
                    release(call, held);
                }
            }
        }
    }

    /** Sends a synchronous call's held answer once its usage record is durable, or 503 if it cannot be. */
    private void release(GatewayCall call, HeldResponse held) throws IOException {
        CompletableFuture<Void> metered = call.metered;
        if (metered != null) {
            try {
                UsageRecorder.awaitDurable(metered, journalWaitMs);
            } catch (MeteringUnavailable e) {
                held.discard();
                GatewayResponses.error(held, meteringUnavailable(e), call.errors);
            }
        }
        held.release();
    }

    static GatewayException meteringUnavailable(MeteringUnavailable e) {
        return new GatewayException(GatewayError.METERING_UNAVAILABLE, "The gateway cannot meter calls right now, so"
                + " it serves none; retry shortly. (" + e.getMessage() + ")");
    }

    private void admit(GatewayCall call, String path, HttpServletRequest request) throws IOException {
        String exposed = keyInQuery(request.getQueryString());
        if (exposed != null) {
            exposures.seen(gate.liveKey(exposed, call.startedMillis), path, request, call.startedMillis);
            throw new GatewayException(GatewayError.KEY_IN_QUERY, "API keys must not be sent in the URL, where proxies"
                    + " and logs keep them. Send the key in the Authorization header and rotate this one.");
        }
        long now = call.startedMillis;
        GatewayKey key = gate.authenticate(credential(request), now);
        call.key = key;
        String refusal = usage.refusal();
        if (refusal != null) {
            throw meteringUnavailable(new MeteringUnavailable(refusal));
        }
        call.clientIp = addresses.of(request);
        gate.checkStatus(key, now);
        gate.checkIp(key, call.clientIp);
        String method = request.getMethod();
        switch (path) {
            case CHAT -> relayed(call, Endpoint.CHAT, request, now);
            case EMBEDDINGS -> relayed(call, Endpoint.EMBEDDINGS, request, now);
            case COMPLETIONS -> relayed(call, Endpoint.COMPLETIONS, request, now);
            case RESPONSES -> relayed(call, Endpoint.RESPONSES, request, now);
            case MESSAGES -> relayed(call, Endpoint.MESSAGES, request, now);
            case AUTH_VERIFY -> {
                String model = request.getHeader(MODEL_HEADER);
                if (model != null && !model.isEmpty()) {
                    call.model = model;
                    call.route = gate.route(key, model);
                }
                Gate.Admission admitted;
                try {
                    admitted = gate.admitVerify(key, call.clientIp, call.model, now);
                } catch (GatewayException e) {
                    if (e.error() != GatewayError.INSUFFICIENT_BALANCE) {
                        throw e;
                    }
                    throw new GatewayException(GatewayError.INSUFFICIENT_BALANCE_AT_PROXY, e.getMessage(), e.param());
                }
                call.key = admitted.key();
                call.rate = admitted.rate();
            }
            case MODELS, KEY_INFO -> {
                requireMethod(method, "GET");
                Gate.Admission admitted = gate.admitRate(key, call.clientIp, now);
                call.key = admitted.key();
                call.rate = admitted.rate();
            }
            default -> throw new GatewayException(GatewayError.UNKNOWN_URL, "Unknown request URL: " + method + " "
                    + path + ". Keygate serves /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/responses, /v1/messages, /v1/models and /v1/key/info.");
        }
    }

    /** A call to relay: its body read the endpoint's way, its model routed, rate and money admitted. */
    private void relayed(GatewayCall call, Endpoint api, HttpServletRequest request, long now) throws IOException {
        requireMethod(request.getMethod(), "POST");
        byte[] body = body(request);
        call.api = api;
        call.request = api.parse(body, body.length, json);
        call.model = call.request.model();
        call.route = gate.route(call.key, call.model);
        api.checkProvider(call.route);
        Gate.Admission admitted = gate.admitRelayed(call.key, call.clientIp, call.route, call.request, now);
        call.key = admitted.key();
        call.route = admitted.route();
        call.rate = admitted.rate();
        call.reservation = admitted.reservation();
        if (call.reservation != null) {
            metrics.reservationStarted();
        }
    }

    /**
     * Settles or releases the reservation and meters the call; runs for every call, even failed
     * ones, once ({@link GatewayCall#end}), on the request thread or on one of the relay's.
     */
    private void end(GatewayCall call) {
        try {
            settleAndMeter(call);
        } finally {
            observe(call);
        }
    }

    /**
     * Metrics, the upstream's outcome and the access log of an ended call, after it is metered and
     * never in its way: a failure here (at a shutdown the class loader may already be closed) is
     * logged and dropped.
     */
    private void observe(GatewayCall call) {
        try {
            long endedNanos = System.nanoTime();
            String outcome = call.errorCode != null ? call.errorCode : call.status >= 400 ? "upstream_client_error" : null;
            if (call.reservation != null) {
                metrics.reservationEnded();
            }
            metrics.called(call.endpoint, outcome, call.route == null ? null : call.route.providerId(), call.startedNanos,
                    call.upstreamSentNanos, call.upstreamAnsweredNanos, endedNanos);
            if (call.upstreamSentNanos > 0) {
                upstreams.ended(call.route.providerId(), call.upstreamStatus, call.upstreamFailure, clock.millis());
            }
            if (accessLog.enabled()) {
                accessLog.log(call, outcome == null ? "ok" : outcome, (endedNanos - call.startedNanos) / 1000);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "the metrics of call " + call.requestId + " were not recorded", e);
        }
    }

    private void settleAndMeter(GatewayCall call) {
        GatewayKey key = call.key;
        if (key == null) {
            return; // not attributable to a key: counted in the stats, not metered (docs/gateway.md)
        }
        if (GatewayError.METERING_UNAVAILABLE.code().equals(call.errorCode) && call.reservation == null) {
            return; // refused because it could not be metered: nothing reserved, nothing to meter
        }
        long now = clock.millis();
        Usage used = call.usage == null ? Usage.NONE : call.usage;
        long cost = 0;
        long tokens = 0;
        if (call.reservation != null) {
            if (call.usage != null) {
                cost = call.route.price().cost(used.inputTokens(), used.outputTokens(), used.cachedTokens());
                tokens = used.totalTokens();
            } else if (call.chargeReservation) {
                cost = call.reservation.amountMicros();
            } // else released: no cost, no tokens
        }
        spend.finish(key.budget(), call.reservation, cost, tokens, now);
        int latency = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - call.startedNanos) / 1_000_000);
        UsageEvent event = new UsageEvent(call.requestId, key.id(), key.teamId(), call.model,
                call.route == null ? null : call.route.providerId(), call.status, call.errorCode,
                used.inputTokens(), used.outputTokens(), used.cachedTokens(), used.reasoningTokens(), cost, latency,
                call.clientIp, call.startedAtMicros);
        try {
            call.metered = usage.append(event);
        } catch (MeteringUnavailable e) {
            call.metered = CompletableFuture.failedFuture(e);
        }
    }

    private static String endpoint(String path) {
        return switch (path) {
            case CHAT -> GatewayMetrics.CHAT;
            case EMBEDDINGS -> GatewayMetrics.EMBEDDINGS;
            case COMPLETIONS -> GatewayMetrics.COMPLETIONS;
            case RESPONSES -> GatewayMetrics.RESPONSES;
            case MESSAGES -> GatewayMetrics.MESSAGES;
            case MODELS -> GatewayMetrics.MODELS;
            case KEY_INFO -> GatewayMetrics.KEY_INFO;
            case AUTH_VERIFY -> GatewayMetrics.AUTH_VERIFY;
            default -> GatewayMetrics.OTHER;
        };
    }

    /** {@code Authorization: Bearer} first; {@code x-api-key} only when there is no Authorization header. */
    static String credential(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : null;
        }
        String header = request.getHeader("x-api-key");
        return header == null ? null : header.strip();
    }

    /** The first query parameter value that starts with {@code ck-} (raw or percent-encoded), decoded; or null. */
    static String keyInQuery(String query) {
        if (query == null) {
            return null;
        }
        int i = 0;
        while (i <= query.length()) {
            int amp = query.indexOf('&', i);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', i);
            if (eq >= 0 && eq < end) {
                String value = query.substring(eq + 1, end).replace("%2D", "-").replace("%2d", "-");
                if (value.regionMatches(true, 0, "ck-", 0, 3) || value.regionMatches(true, 0, "ck%2D", 0, 5)) {
                    return decoded(value);
                }
            }
            if (amp < 0) {
                return null;
            }
            i = amp + 1;
        }
        return null;
    }

    private static String decoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new GatewayException(GatewayError.METHOD_NOT_ALLOWED, "Use " + allowed + " for this URL.");
        }
    }

    /** The body, refused with 413 past {@code keygate.gateway.max-body-bytes} without reading it all. */
    private byte[] body(HttpServletRequest request) throws IOException {
        int max = config.maxBodyBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw tooLarge(max);
        }
        byte[] buffer = new byte[declared > 0 ? (int) declared : 1024];
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            while (true) {
                if (length == buffer.length) {
                    if (length >= max + 1) {
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min((long) max + 1, buffer.length * 2L));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
        }
        if (length > max) {
            throw tooLarge(max);
        }
        return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
    }

    private static GatewayException tooLarge(int max) {
        return new GatewayException(GatewayError.REQUEST_TOO_LARGE, "The request body is larger than " + max + " bytes.");
    }
}
