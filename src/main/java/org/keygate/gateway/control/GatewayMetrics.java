package org.keygate.gateway.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.keygate.platform.boundary.Metrics;

/**
 * The gateway's series in {@code /metrics}. Per call, once, when it ends: {@code keygate_gateway_calls_total}
 * by {@code endpoint} and {@code outcome} (the error code, or {@code ok}), and the latencies as
 * histograms — {@code keygate_gateway_call_seconds} (arrival to the end of the answer),
 * {@code keygate_gateway_added_seconds} (arrival until the call went to the upstream, or the
 * whole call when Keygate answered itself) and {@code keygate_upstream_response_seconds} (sent until
 * the upstream's status line, by provider). Labels are bounded sets — endpoints, error codes,
 * catalogue providers — never a key, key id or user. The counters of {@link GatewayStats} and the
 * key cache's hits and misses are read where they are kept. The per-call work is two map lookups
 * that find existing meters and lock-free increments: no allocation once every label set was seen.
 */
@ApplicationScoped
public class GatewayMetrics {

    /** The {@code endpoint} label of a path the gateway serves; anything else is {@code other}. */
    public static final String CHAT = "chat_completions";
    public static final String EMBEDDINGS = "embeddings";
    public static final String COMPLETIONS = "completions";
    public static final String RESPONSES = "responses";
    public static final String MESSAGES = "messages";
    public static final String MODELS = "models";
    public static final String KEY_INFO = "key_info";
    public static final String AUTH_VERIFY = "auth_verify";
    public static final String OTHER = "other";

    @Inject
    Metrics metrics;

    @Inject
    GatewayStats stats;

    private MeterRegistry registry;
    private final LongAdder reservations = new LongAdder();
    private final Map<String, Map<String, Counter>> calls = new ConcurrentHashMap<>();
    private final Map<String, Timer> callTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> addedTimers = new ConcurrentHashMap<>();
    private final Map<String, Timer> upstreamTimers = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        registry = metrics.registry();
        counter("keygate_gateway_unknown_keys", "well-formed keys that no one has, refused without a database read",
                stats.unknownKeys());
        counter("keygate_gateway_malformed_keys", "credentials that are not a Keygate key at all", stats.malformedKeys());
        counter("keygate_gateway_key_loads", "key snapshots read from the database (key cache misses that found a key"
                + " or a deleted one)", stats.keyLoads());
        counter("keygate_gateway_db_queries", "database queries made by the gateway", stats.dbQueries());
        counter("keygate_gateway_relayed", "calls relayed to an upstream provider", stats.relayed());
        counter("keygate_gateway_stalled", "upstream answers given up because they went silent", stats.stalled());
        io.micrometer.core.instrument.Gauge.builder("keygate_gateway_reservations_in_flight", reservations,
                LongAdder::doubleValue).description("calls holding a cost reservation against a daily cap or a balance")
                .register(registry);
        // every endpoint's answered-call series from the start: a scrape sees 0 rather than nothing, and the
        // meter classes are loaded now, not at a shutdown whose class loader may already be closing
        for (String endpoint : new String[] {CHAT, EMBEDDINGS, COMPLETIONS, RESPONSES, MESSAGES, MODELS, KEY_INFO, AUTH_VERIFY, OTHER}) {
            callCounter(endpoint, "ok");
            callTimer(endpoint);
            addedTimer(endpoint);
        }
    }

    /** A call reserved its cost (daily cap, prepaid balance); {@link #reservationEnded} when it settles or releases. */
    public void reservationStarted() {
        reservations.increment();
    }

    public void reservationEnded() {
        reservations.decrement();
    }

    private void counter(String name, String help, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(help).register(registry);
    }

    /** The key cache's size, hits, misses and evictions (Caffeine keeps them when stats are recorded). */
    public void monitorKeyCache(com.github.benmanes.caffeine.cache.Cache<?, ?> cache) {
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, cache, "keygate_key_cache");
    }

    /**
     * One call ended. {@code outcome} is its error code (null: answered); {@code upstreamSent} and
     * {@code upstreamAnswered} are {@link System#nanoTime} stamps, 0 when it never went upstream.
     */
    public void called(String endpoint, String outcome, String provider, long startedNanos, long upstreamSent,
            long upstreamAnswered, long endedNanos) {
        String code = outcome == null ? "ok" : outcome;
        callCounter(endpoint, code).increment();
        callTimer(endpoint).record(endedNanos - startedNanos, TimeUnit.NANOSECONDS);
        long added = upstreamSent > 0 ? upstreamSent - startedNanos : endedNanos - startedNanos;
        addedTimer(endpoint).record(added, TimeUnit.NANOSECONDS);
        if (upstreamSent > 0 && upstreamAnswered > 0 && provider != null) {
            timer(upstreamTimers, "keygate_upstream_response", "provider", provider, "an upstream provider's time to"
                    + " its status line").record(upstreamAnswered - upstreamSent, TimeUnit.NANOSECONDS);
        }
    }

    private Counter callCounter(String endpoint, String code) {
        Map<String, Counter> byOutcome = calls.get(endpoint);
        if (byOutcome == null) {
            byOutcome = calls.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>());
        }
        Counter counter = byOutcome.get(code);
        if (counter == null) {
            counter = byOutcome.computeIfAbsent(code, c -> Counter.builder("keygate_gateway_calls")
                    .description("gateway calls by endpoint and outcome (the error code, or ok)")
                    .tag("endpoint", endpoint).tag("outcome", c).register(registry));
        }
        return counter;
    }

    private Timer callTimer(String endpoint) {
        return timer(callTimers, "keygate_gateway_call", "endpoint", endpoint, "a gateway call, from its arrival to the"
                + " end of its answer");
    }

    private Timer addedTimer(String endpoint) {
        return timer(addedTimers, "keygate_gateway_added", "endpoint", endpoint, "what the gateway adds: from a call's"
                + " arrival until it is sent upstream (the whole call when Keygate answers itself)");
    }

    private Timer timer(Map<String, Timer> timers, String name, String tag, String value, String help) {
        Timer timer = timers.get(value);
        if (timer == null) {
            timer = timers.computeIfAbsent(value, v -> Timer.builder(name).description(help).tag(tag, v)
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofMinutes(10)).register(registry));
        }
        return timer;
    }
}
