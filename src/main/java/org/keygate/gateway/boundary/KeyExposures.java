package org.keygate.gateway.boundary;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.keygate.gateway.control.GatewayKey;
import org.keygate.platform.boundary.ClientAddresses;

/**
 * Reports a live key seen in a URL: one {@link KeyExposed} per key and node a day, fired
 * asynchronously so the refused call neither waits for nor touches the database (the alert's own
 * fingerprint keeps it to one alert per key across nodes and restarts).
 */
@ApplicationScoped
public class KeyExposures {

    @Inject
    Event<KeyExposed> events;

    @Inject
    ClientAddresses addresses;

    private Cache<String, Boolean> reported;

    @PostConstruct
    void init() {
        reported = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(1, TimeUnit.DAYS)
                .executor(Runnable::run).build();
    }

    /** {@code key} null (not a live key) reports nothing. */
    void seen(GatewayKey key, String path, HttpServletRequest request, long nowMillis) {
        if (key == null || reported.asMap().putIfAbsent(key.id(), Boolean.TRUE) != null) {
            return;
        }
        events.fireAsync(new KeyExposed(key.id(), request.getMethod(), path, addresses.of(request),
                Instant.ofEpochMilli(nowMillis)));
    }
}
