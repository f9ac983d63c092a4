package org.keygate.access.control;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The identity provider's signing keys (its JWKS), fetched when a token needs one that is not known
 * yet — a key rotation — but never more often than once per {@code minInterval}, whatever the
 * outcome of the last fetch. Anyone can send a token with a made-up {@code kid}: without the limit
 * a flood of them would be a flood of requests to the IdP, and while the IdP is down every API call
 * would wait for its timeout. Callers that need a fetch at the same time share one: the first starts
 * it, the others wait for its result, and none holds the lock while the IdP answers.
 */
public final class SigningKeys {

    private final Callable<String> fetchJwks;
    private final Duration minInterval;
    private final Clock clock;

    private volatile Map<String, PublicKey> keys = Map.of();
    /** Guarded by {@code this}: when the last fetch started, and the one under way. */
    private Instant lastFetch;
    private CompletableFuture<Map<String, PublicKey>> underWay;

    public SigningKeys(Callable<String> fetchJwks, Duration minInterval, Clock clock) {
        this.fetchJwks = fetchJwks;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /**
     * The keys to check a token with: the known ones when they include {@code kid} (or any key is
     * known, for a token without one), else the result of a new fetch when one is due, else the
     * known ones (the token is then refused for an unknown key).
     */
    public Map<String, PublicKey> forKeyId(Optional<String> kid) throws Exception {
        Map<String, PublicKey> known = keys;
        if (!known.isEmpty() && kid.map(known::containsKey).orElse(true)) {
            return known;
        }
        CompletableFuture<Map<String, PublicKey>> fetch;
        boolean mine = false;
        synchronized (this) {
            if (underWay != null) {
                fetch = underWay;
            } else {
                Instant now = clock.instant();
                if (lastFetch != null && now.isBefore(lastFetch.plus(minInterval))) {
                    return keys;
                }
                lastFetch = now;
                fetch = new CompletableFuture<>();
                underWay = fetch;
                mine = true;
            }
        }
        if (mine) {
            try {
                Map<String, PublicKey> fetched = Map.copyOf(Jwt.keys(fetchJwks.call()));
                keys = fetched;
                fetch.complete(fetched);
            } catch (Exception | Error e) {
                fetch.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    underWay = null;
                }
            }
        }
        try {
            return fetch.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
