package org.keygate.gateway.boundary;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.keygate.gateway.control.EventStreamRewriter;
import org.keygate.gateway.control.GatewayError;
import org.keygate.gateway.control.GatewayException;
import org.keygate.gateway.control.GatewayStats;
import org.keygate.gateway.control.IdleWatch;
import org.keygate.gateway.control.ModelField;
import org.keygate.gateway.control.Route;
import org.keygate.gateway.control.UpstreamFailure;
import org.keygate.gateway.control.Usage;
import org.keygate.usage.boundary.UsageRecorder;
import org.keygate.usage.control.MeteringUnavailable;

/**
 * Relays a call of any {@link org.keygate.gateway.control.Endpoint} to its upstream (OpenAI-compatible or Anthropic) without holding a thread while either
 * side is slow. The request goes out with {@link HttpClient#sendAsync} (the client's body with
 * only {@code model} rewritten, plus the provider's credential); the call is put in servlet async
 * mode, the answer comes in through a {@link Flow.Subscriber} and goes to the client with
 * non-blocking writes ({@link WriteListener}). A JSON answer is collected (up to
 * {@code keygate.gateway.max-response-bytes}) and sent whole; an SSE stream is passed on as it
 * arrives, and asks the upstream for its next piece only once the client has taken the last one,
 * so a slow client slows the upstream instead of filling memory. The upstream model name is turned
 * back into the catalogue id; usage is read from the body or the final chunk. Upstream failures
 * become 502, timeouts 504; a client's own 400/413/422 is passed through. An answer that goes
 * silent for {@code keygate.gateway.upstream-idle-timeout-ms} after its headers is given up
 * ({@link IdleWatch}): a JSON answer becomes 504, a stream ends with an error event.
 *
 * <p>Each relayed call ends exactly once ({@link GatewayCall#end}) whichever way comes first:
 * the answer written, an upstream failure or stall, the client gone (the upstream request is
 * cancelled at once and the call recorded as {@code client_disconnected}), or the server stopping
 * ({@code server_shutdown}). An answer's last bytes are released only once the call's usage record
 * is durable in the journal: the write is chained on the journal's future, no thread waits for it;
 * if the journal fails or does not confirm within {@code keygate.usage.journal-wait-ms}, the client
 * gets 503 {@code metering_unavailable} (a stream: an error event) instead. Prompts and completions only ever pass through memory; nothing here
 * logs them.
 */
@ApplicationScoped
public class UpstreamRelay {

    private static final Logger LOG = Logger.getLogger(UpstreamRelay.class.getName());

    static final String CLIENT_DISCONNECTED = "client_disconnected";
    static final String SERVER_SHUTDOWN = "server_shutdown";
    private static final int PASSED_ERROR_BYTES = 65_536;
    /** The {@code anthropic-version} sent upstream when the client names none. */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    @Inject
    GatewayConfig config;

    @Inject
    GatewayStats stats;

    @Inject
    UsageRecorder recorder;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private ExecutorService callbacks;
    private HttpClient http;
    private IdleWatch idle;
    private ScheduledFuture<?> sweeper;
    private long journalWaitMs;
    private final JsonProvider json = JsonProvider.provider();

    /**
     * The client runs its callbacks (and so this relay's parsing and writing, none of which
     * blocks) on a few container-made threads of its own; its default, a thread pool without
     * bound, would start a thread for every burst of answers.
     */
    @PostConstruct
    void init() {
        callbacks = Executors.newFixedThreadPool(config.relayThreads(), threads);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        idle = new IdleWatch(config.upstreamIdleTimeoutMs(), System::nanoTime);
        journalWaitMs = recorder.journalWaitMillis();
        long tick = Math.max(50, Math.min(1000, config.upstreamIdleTimeoutMs() / 4));
        sweeper = scheduler.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Ends every call still open, at the usage seen so far or its reservation. */
    @PreDestroy
    void close() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        shutdown();
        if (callbacks != null) {
            callbacks.shutdown();
        }
    }

    /**
     * Ends every relayed call still open (the upstream request cancelled, the call settled and
     * metered as {@code server_shutdown}); called when the servlet is taken out of service, before
     * the usage recorder's last drain, and again from {@link #close}.
     */
    void shutdown() {
        if (idle == null) {
            return;
        }
        for (IdleWatch.Owner open : idle.open()) {
            ((Exchange) open).abandon(SERVER_SHUTDOWN);
        }
    }

    private void sweep() {
        try {
            int stalled = idle.sweep();
            if (stalled > 0) {
                stats.stalled().add(stalled);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the idle sweep failed", e);
        }
    }

    /**
     * Starts relaying {@code call}. Once this returns normally the relay owns the call (it is in
     * async mode and {@link GatewayCall#async} is set); a {@link GatewayException} thrown here
     * leaves it with the caller.
     */
    void relay(GatewayCall call, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = call.route;
        boolean stream = call.request.stream();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(route.baseUrl() + call.api.upstreamPath()))
                .timeout(Duration.ofMillis(config.upstreamTimeoutMs()))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(call.request.forUpstream(route.upstreamModel(), json)));
        if (route.anthropic()) {
            anthropicHeaders(builder, route, request);
        } else if (route.credential() != null) {
            builder.header("Authorization", "Bearer " + route.credential());
        }
        HttpRequest upstreamRequest = builder.build();
        ServletOutputStream out = response.getOutputStream();
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0); // the relay's own timeouts apply: the request timeout, then the idle watch
        call.async = true;
        Exchange exchange = new Exchange(call, async, response, out);
        exchange.start(upstreamRequest);
    }

    /**
     * Anthropic's authentication and versioning: the provider's credential as {@code x-api-key},
     * the client's {@code anthropic-version} (the API's behaviour depends on it; {@value
     * #ANTHROPIC_VERSION} when it sent none) and its {@code anthropic-beta} flags. Nothing else of
     * the client's headers goes upstream: its own {@code x-api-key} or {@code Authorization} is
     * the Keygate key.
     */
    private static void anthropicHeaders(HttpRequest.Builder builder, Route route, HttpServletRequest request) {
        if (route.credential() != null) {
            builder.header("x-api-key", route.credential());
        }
        String version = request.getHeader("anthropic-version");
        builder.header("anthropic-version", version == null ? ANTHROPIC_VERSION : headerValue("anthropic-version", version));
        java.util.Enumeration<String> betas = request.getHeaders("anthropic-beta");
        while (betas != null && betas.hasMoreElements()) {
            builder.header("anthropic-beta", headerValue("anthropic-beta", betas.nextElement()));
        }
    }

    /** A header value to pass on: visible ASCII and blanks, at most 1 000 characters; else 400. */
    private static String headerValue(String name, String value) {
        boolean valid = !value.isBlank() && value.length() <= 1000;
        for (int i = 0; valid && i < value.length(); i++) {
            char c = value.charAt(i);
            valid = c == ' ' || c == '\t' || (c > 0x20 && c < 0x7f);
        }
        if (!valid) {
            throw new GatewayException(GatewayError.INVALID_REQUEST, "The " + name + " header must be a non-empty value"
                    + " of visible ASCII characters, at most 1000 of them.", name);
        }
        return value.strip();
    }

    /**
     * One relayed call: the upstream's body subscriber (through {@link Body}), the client's write
     * listener, and the async listener. Writes to the client happen in {@link #drain}, which one
     * thread at a time runs (a work-in-progress counter, no lock): whichever thread has something
     * to write — the upstream's, the container's {@code onWritePossible}, the idle sweeper — asks
     * for a drain, and a drain already running on another thread picks the request up.
     */
    private final class Exchange implements HttpResponse.BodyHandler<Void>, WriteListener, AsyncListener,
            IdleWatch.Owner {

        private static final int OPEN = 0;
        private static final int STREAMING = 1;
        private static final int DECIDED = 2;

        private final GatewayCall call;
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final ServletOutputStream out;
        private final IdleWatch.Watched watch;
        private final Queue<byte[]> pending = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        /** OPEN → STREAMING (SSE headers set) → DECIDED (the last bytes are queued), or OPEN → DECIDED. */
        private final AtomicInteger answer = new AtomicInteger(OPEN);
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile CompletableFuture<HttpResponse<Void>> future;
        private volatile Flow.Subscription subscription;
        private volatile boolean wantMore;
        private volatile boolean flush;
        private volatile boolean lastQueued;
        private volatile int upstreamStatus;
        private volatile String contentType;
        private EventStreamRewriter events;
        private byte[] body;
        private int bodyLength;

        Exchange(GatewayCall call, AsyncContext async, HttpServletResponse response, ServletOutputStream out) {
            this.call = call;
            this.async = async;
            this.response = response;
            this.out = out;
            this.watch = idle.watch(this);
        }

        void start(HttpRequest request) {
            async.addListener(this);
            out.setWriteListener(this);
            try {
                call.upstreamSentNanos = System.nanoTime();
                future = http.sendAsync(request, this);
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            future.whenComplete((r, e) -> {
                if (e != null) {
                    failed(e);
                }
            });
            if (finished.get()) {
                future.cancel(true);
            }
        }

        // ----- the upstream -----

        @Override
        public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
            call.upstreamAnsweredNanos = System.nanoTime();
            stats.relayed().increment();
            watch.arm();
            upstreamStatus = info.statusCode();
            call.upstreamStatus = upstreamStatus;
            contentType = info.headers().firstValue("Content-Type").orElse("application/json");
            if (upstreamStatus >= 200 && upstreamStatus < 300 && call.request.stream()
                    && contentType.startsWith("text/event-stream") && answer.compareAndSet(OPEN, STREAMING)) {
                events = new EventStreamRewriter(call.route.upstreamModel(), call.route.modelId(),
                        call.request.hideUsage(), config.maxResponseBytes(), json, call.api);
                call.chargeReservation = true; // until the usage chunk arrives
                call.status = 200;
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setCharacterEncoding("UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                flush = true; // the headers go out now, before the first event
                drain();
            } else if (!(upstreamStatus >= 200 && upstreamStatus < 300) && !isClientError(upstreamStatus)) {
                fail(new GatewayException(GatewayError.UPSTREAM_ERROR, "The upstream provider '"
                        + call.route.providerId() + "' answered with HTTP " + upstreamStatus + "."),
                        UpstreamFailure.ERROR_STATUS);
            } else {
                body = new byte[8192];
            }
            return HttpResponse.BodySubscribers.fromSubscriber(new Body());
        }

        private static boolean isClientError(int status) {
            return status == 400 || status == 413 || status == 422;
        }

        /** The upstream's body, piece by piece; streams ask for the next piece only once the client took the last. */
        private final class Body implements Flow.Subscriber<List<ByteBuffer>> {

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (finished.get() || answer.get() == DECIDED) {
                    s.cancel();
                } else {
                    s.request(1);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> pieces) {
                watch.touch();
                if (finished.get()) {
                    return;
                }
                if (events != null) {
                    byte[] bytes;
                    try {
                        bytes = events.feed(pieces);
                    } catch (EventStreamRewriter.TooLong e) {
                        endStream(GatewayError.UPSTREAM_ERROR, "The upstream provider '" + call.route.providerId()
                                + "' sent an event stream line longer than " + config.maxResponseBytes() + " bytes.",
                                UpstreamFailure.TOO_LARGE);
                        return;
                    }
                    Usage seen = events.usage();
                    if (seen != null) {
                        call.usage = seen;
                    }
                    if (bytes.length > 0) {
                        pending.add(bytes);
                        flush = true;
                    }
                    wantMore = true;
                    drain();
                    return;
                }
                if (collect(pieces)) {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable failure) {
                failed(failure);
            }

            @Override
            public void onComplete() {
                completed();
            }
        }

        /** Adds a JSON (or passed-through error) body's pieces; false once it is too large. */
        private boolean collect(List<ByteBuffer> pieces) {
            boolean passing = upstreamStatus < 200 || upstreamStatus >= 300;
            int max = passing ? PASSED_ERROR_BYTES : config.maxResponseBytes();
            for (ByteBuffer piece : pieces) {
                int n = piece.remaining();
                if (bodyLength + n > max) {
                    if (passing) { // today's rule: the first 64 KiB of the client's own error are enough
                        piece.get(grow(max), bodyLength, max - bodyLength);
                        bodyLength = max;
                        completed(); // decided first, so the cancellation's failure changes nothing
                        cancelUpstream();
                        return false;
                    }
                    call.chargeReservation = true;
                    fail(new GatewayException(GatewayError.UPSTREAM_ERROR, "The upstream answer is larger than "
                            + config.maxResponseBytes() + " bytes."), UpstreamFailure.TOO_LARGE);
                    return false;
                }
                piece.get(grow(bodyLength + n), bodyLength, n);
                bodyLength += n;
            }
            return true;
        }

        private byte[] grow(int needed) {
            if (needed > body.length) {
                body = Arrays.copyOf(body, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, body.length * 2L)));
            }
            return body;
        }

        /** The upstream's body is complete: queue the client's answer. */
        private void completed() {
            if (events != null) {
                if (answer.compareAndSet(STREAMING, DECIDED)) {
                    byte[] tail = events.finish();
                    Usage seen = events.usage();
                    if (seen != null) {
                        call.usage = seen;
                    }
                    queueLast(tail);
                }
                return;
            }
            if (!answer.compareAndSet(OPEN, DECIDED)) {
                return;
            }
            String text = new String(body, 0, bodyLength, StandardCharsets.UTF_8);
            byte[] bytes;
            if (upstreamStatus >= 200 && upstreamStatus < 300) {
                JsonObject object = EventStreamRewriter.object(text, json);
                Usage usage = object == null ? null : call.api.usage(object);
                call.usage = usage;
                if (usage == null) {
                    call.chargeReservation = true;
                }
                bytes = ModelField.rewrite(text, call.route.upstreamModel(), call.route.modelId())
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                call.errorCode = "upstream_" + upstreamStatus;
                bytes = Arrays.copyOf(body, bodyLength);
            }
            call.status = upstreamStatus;
            response.setStatus(upstreamStatus);
            response.setContentType(contentType);
            response.setContentLength(bytes.length);
            queueLast(bytes);
        }

        /** The exchange failed before or while the answer came in. */
        private void failed(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (finished.get()) {
                return; // cancelled by us, or a second report of the same failure
            }
            Route route = call.route;
            UpstreamFailure why = UpstreamFailure.of(cause, upstreamStatus != 0);
            if (cause instanceof HttpTimeoutException) {
                fail(new GatewayException(GatewayError.UPSTREAM_TIMEOUT, "The upstream provider '" + route.providerId()
                        + "' did not answer within " + config.upstreamTimeoutMs() + " ms."), why);
            } else if (upstreamStatus == 0) {
                LOG.log(Level.FINE, "upstream " + route.providerId() + " unreachable", cause);
                fail(new GatewayException(GatewayError.UPSTREAM_UNAVAILABLE, "The upstream provider '"
                        + route.providerId() + "' could not be reached."), why);
            } else {
                LOG.log(Level.FINE, "upstream answer for request " + call.requestId + " broke off", cause);
                String message = "The upstream provider '" + route.providerId() + "' broke off its answer.";
                if (events != null) {
                    endStream(GatewayError.UPSTREAM_ERROR, message, why);
                } else {
                    fail(new GatewayException(GatewayError.UPSTREAM_ERROR, message), why);
                }
            }
        }

        @Override
        public void stalled() {
            String message = "The upstream provider '" + call.route.providerId() + "' stopped sending its answer for "
                    + idle.idleMillis() + " ms.";
            if (events != null) {
                endStream(GatewayError.UPSTREAM_TIMEOUT, message, UpstreamFailure.STALLED);
            } else {
                fail(new GatewayException(GatewayError.UPSTREAM_TIMEOUT, message), UpstreamFailure.STALLED);
            }
        }

        /** Answers {@code e} instead of the upstream's answer, if no answer has started yet; {@code why} it failed. */
        private void fail(GatewayException e, UpstreamFailure why) {
            if (!answer.compareAndSet(OPEN, DECIDED)) {
                if (answer.get() == STREAMING) {
                    endStream(e.error(), e.getMessage(), why);
                }
                return;
            }
            cancelUpstream();
            call.upstreamFailure = why;
            call.errorCode = e.error().code();
            call.status = e.error().status();
            queueLast(GatewayResponses.errorHead(response, e, call.errors));
        }

        /** A stream whose status line went out: say what went wrong in the stream, as OpenAI does, then end. */
        private void endStream(GatewayError error, String message, UpstreamFailure why) {
            if (!answer.compareAndSet(STREAMING, DECIDED)) {
                return;
            }
            cancelUpstream();
            call.upstreamFailure = why;
            call.errorCode = error.code();
            queueLast(call.errors.streamEvent(error, message).getBytes(StandardCharsets.UTF_8));
        }

        /** Ends the call (settled, metered) and sends its last bytes once its usage record is durable. */
        private void queueLast(byte[] bytes) {
            call.end(call.status);
            CompletableFuture<Void> metered = call.metered;
            if (metered == null) {
                release(bytes);
                return;
            }
            metered.orTimeout(journalWaitMs, TimeUnit.MILLISECONDS).whenCompleteAsync(
                    (done, failure) -> release(failure == null ? bytes : meteringFailed(failure)), callbacks);
        }

        private void release(byte[] bytes) {
            if (bytes.length > 0) {
                pending.add(bytes);
            }
            flush = true;
            lastQueued = true;
            drain();
        }

        /** The last bytes for a call whose usage record could not be made durable. */
        private byte[] meteringFailed(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            GatewayException e = GatewayFilter.meteringUnavailable(cause instanceof MeteringUnavailable refused
                    ? refused : new MeteringUnavailable("the usage journal did not confirm the write within "
                            + journalWaitMs + " ms"));
            if (events != null) {
                return call.errors.streamEvent(e.error(), e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            return GatewayResponses.errorHead(response, e, call.errors);
        }

        private void cancelUpstream() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> f = future;
            if (f != null && !f.isDone()) {
                f.cancel(true);
            }
        }

        // ----- the client -----

        @Override
        public void onWritePossible() {
            drain();
        }

        @Override
        public void onError(Throwable failure) {
            clientGone(failure);
        }

        /** Writes what is queued while the client takes it; ends the call once the last bytes are out. */
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                try {
                    while (!finished.get() && out.isReady()) {
                        byte[] bytes = pending.poll();
                        if (bytes != null) {
                            out.write(bytes);
                            continue;
                        }
                        if (flush) {
                            flush = false;
                            out.flush();
                            continue;
                        }
                        if (lastQueued && pending.isEmpty()) {
                            finish(null);
                            break;
                        }
                        if (wantMore) {
                            wantMore = false;
                            subscription.request(1);
                        }
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    clientGone(e);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void clientGone(Throwable failure) {
            LOG.log(Level.FINE, "client of request " + call.requestId + " went away", failure);
            abandon(CLIENT_DISCONNECTED);
        }

        /**
         * Gives the call up before its answer is out (client gone, server stopping): cancels the
         * upstream request and ends the call at the usage seen so far, or else at its reservation
         * once the upstream had started answering (it may be generating), or released before that.
         */
        void abandon(String errorCode) {
            // finished first: cancelling completes the upstream future at once, and that failure
            // must find the call already given up instead of reporting an upstream error
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            cancelUpstream();
            if (upstreamStatus >= 200 && upstreamStatus < 300 && call.usage == null) {
                call.chargeReservation = true;
            }
            end(errorCode);
        }

        /** Ends the call (once) and completes the async request. */
        private void finish(String errorCode) {
            if (finished.compareAndSet(false, true)) {
                end(errorCode);
            }
        }

        private void end(String errorCode) {
            watch.close();
            if (errorCode != null) {
                call.errorCode = errorCode;
            }
            try {
                call.end(call.status);
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    LOG.log(Level.FINE, "request " + call.requestId + " was already complete", e);
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            abandon(CLIENT_DISCONNECTED); // only does something if the container completed it first
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            stalled();
        }

        @Override
        public void onError(AsyncEvent event) {
            clientGone(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}
