package org.keygate.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One connection to the Redis the nodes share, and the Lua scripts run on it. Every command has
 * the small command timeout; while the connection is down commands are refused at once (no
 * queueing), so a request thread never waits longer than the timeout, and Lettuce reconnects by
 * itself. Any failure surfaces as {@link SharedStateUnavailable}. Scripts run by EVALSHA and are
 * loaded again when Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH).
 *
 * <p>Every command is sent from here, so its round trip is timed here: from sending until the
 * answer (a reload after NOSCRIPT included) into {@code keygate_redis_round_trip_seconds}, a
 * command that got none (timeout, disconnected, an error) into {@code keygate_redis_failures_total},
 * both by {@code command}, the script's name or {@code ping}: a fixed set, never a key.
 */
public final class Redis implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Redis.class.getName());
    /** The {@code command} of a PING's round trip. */
    private static final String PING = "ping";

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String prefix;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final MeterRegistry registry;
    private final Map<String, Timer> roundTrips = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private volatile StatefulRedisConnection<String, String> connection;

    /** For tools and tests that read Redis themselves: the round trips go into a registry of their own. */
    public Redis(String url, Duration timeout, String prefix) {
        this(url, timeout, prefix, new SimpleMeterRegistry());
    }

    /**
     * Connects now if it can; if Redis is not there yet, the first commands fail and trigger a
     * retry. The round trips go into {@code registry}.
     */
    public Redis(String url, Duration timeout, String prefix, MeterRegistry registry) {
        this.registry = registry;
        this.uri = RedisURI.create(url);
        this.timeout = timeout;
        this.prefix = prefix;
        uri.setTimeout(timeout);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(Math.max(1000, timeout.toMillis())))
                        .build())
                .build());
        try {
            connection = client.connect(StringCodec.UTF8, uri);
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "Redis at " + uri.getHost() + ":" + uri.getPort()
                    + " is not reachable yet; calls answer 503 until it is", e);
        }
    }

    /** The key prefix every name of this deployment starts with (several deployments may share one Redis). */
    public String key(String name) {
        return prefix + name;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs a script and waits for its answer, at most the command timeout. Through the
     * asynchronous API and the future's own wait: Lettuce's synchronous API is a reflective
     * proxy over the same call, which costs every gateway call for nothing.
     */
    @SuppressWarnings("unchecked")
    public <T> T eval(Script script, String[] keys, String... args) {
        long started = System.nanoTime();
        try {
            var async = connection().async();
            Object answer;
            try {
                answer = await(async.evalsha(script.sha, ScriptOutputType.MULTI, keys, args));
            } catch (RedisNoScriptException e) {
                answer = await(async.eval(script.lua, ScriptOutputType.MULTI, keys, args)); // runs it and caches it again
            }
            answered(script.name, started);
            return (T) answer;
        } catch (RedisException | SharedStateUnavailable e) {
            throw failed(script.name, e);
        }
    }

    /** A PING, answered within the command timeout, or {@link SharedStateUnavailable}. */
    public void ping() {
        long started = System.nanoTime();
        try {
            await(connection().async().ping());
            answered(PING, started);
        } catch (RedisException | SharedStateUnavailable e) {
            throw failed(PING, e);
        }
    }

    /**
     * Times an answered command. A meter that cannot be made (at a shutdown the class loader may
     * already be closed) costs its measurement, never the command.
     */
    private void answered(String command, long startedNanos) {
        try {
            Timer timer = roundTrips.get(command);
            if (timer == null) {
                timer = roundTrips.computeIfAbsent(command, c -> Timer.builder("keygate_redis_round_trip")
                        .description("a Redis command, from sending it until its answer").tag("command", c)
                        .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                        .maximumExpectedValue(Duration.ofSeconds(10)).register(registry));
            }
            timer.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "the round trip of " + command + " was not recorded", e);
        }
    }

    /** Counts a command that got no answer (as {@link #answered} times one); what its caller sees. */
    private SharedStateUnavailable failed(String command, Throwable error) {
        try {
            Counter counter = failures.get(command);
            if (counter == null) {
                counter = failures.computeIfAbsent(command, c -> Counter.builder("keygate_redis_failures")
                        .description("Redis commands that got no answer: timed out, refused while disconnected, an error")
                        .tag("command", c).register(registry));
            }
            counter.increment();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "the failure of " + command + " was not counted", e);
        }
        return error instanceof SharedStateUnavailable unavailable ? unavailable
                : new SharedStateUnavailable("Redis did not answer: " + error.getMessage(), error);
    }

    /** The command's own timeout ends it; the wait here only guards against a lost completion. */
    private Object await(RedisFuture<?> future) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisException r) {
                throw r;
            }
            throw new RedisException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RedisException("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted while waiting for Redis");
        }
    }

    /** Runs a script without waiting; the answer (or failure) completes the future. */
    public <T> CompletableFuture<T> evalAsync(Script script, String[] keys, String... args) {
        long started = System.nanoTime();
        StatefulRedisConnection<String, String> c;
        try {
            c = connection();
        } catch (SharedStateUnavailable e) {
            return CompletableFuture.failedFuture(failed(script.name, e));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        c.async().<T>evalsha(script.sha, ScriptOutputType.MULTI, keys, args).whenComplete((value, error) -> {
            if (error == null) {
                answered(script.name, started);
                out.complete(value);
            } else if (error instanceof RedisNoScriptException) {
                c.async().<T>eval(script.lua, ScriptOutputType.MULTI, keys, args).whenComplete((v, e) -> {
                    if (e == null) {
                        answered(script.name, started);
                        out.complete(v);
                    } else {
                        out.completeExceptionally(failed(script.name, e));
                    }
                });
            } else {
                out.completeExceptionally(failed(script.name, error));
            }
        });
        return out;
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null) {
            reconnect();
            throw new SharedStateUnavailable("Redis is not connected", null);
        }
        return c;
    }

    /** One connection attempt at a time, off the calling thread. */
    private void reconnect() {
        if (connecting.compareAndSet(false, true)) {
            client.connectAsync(StringCodec.UTF8, uri).whenComplete((c, e) -> {
                if (c != null) {
                    connection = c;
                    LOG.info(() -> "Redis at " + uri.getHost() + ":" + uri.getPort() + " connected");
                }
                connecting.set(false);
            });
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /**
     * A Lua script with its SHA-1, computed here so EVALSHA needs no SCRIPT LOAD round trip first,
     * and its name, the {@code command} of its round trips in {@code /metrics}.
     */
    public static final class Script {

        final String name;
        final String lua;
        final String sha;

        public Script(String name, String lua) {
            this.name = name;
            this.lua = lua;
            try {
                sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(lua.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
