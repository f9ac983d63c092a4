package org.keygate.gateway.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.gateway.control.CallAdmission;
import org.keygate.gateway.control.Generations;
import org.keygate.gateway.control.KnownKeys;
import org.keygate.gateway.control.LocalCallAdmission;
import org.keygate.gateway.control.LocalKnownKeys;
import org.keygate.gateway.control.LocalRateLimiter;
import org.keygate.gateway.control.LocalSpendGuard;
import org.keygate.gateway.control.RateLimiter;
import org.keygate.gateway.control.RedisGatewayState;
import org.keygate.gateway.control.SpendGuard;
import org.keygate.platform.boundary.RedisSetup;
import org.keygate.platform.control.Redis;

/**
 * Picks, once at start, where the gateway keeps the state a call is checked against: in this JVM
 * (the local classes, the default) or in the shared Redis when {@code keygate.redis.url} is set.
 * Every seam the gateway injects — {@link RateLimiter}, {@link SpendGuard}, {@link CallAdmission},
 * {@link KnownKeys}, {@link Generations}, {@link KeyInvalidation} — comes from here.
 */
@ApplicationScoped
public class GatewayState {

    @Inject
    RedisSetup setup;

    @Inject
    LocalRateLimiter localRates;

    @Inject
    LocalSpendGuard localSpend;

    @Inject
    LocalKeyInvalidation localInvalidation;

    @Inject
    @ConfigProperty(name = "keygate.redis.reservation-ttl-ms", defaultValue = "600000")
    long reservationTtlMs;

    private RedisGatewayState shared;
    private final KnownKeys localKnown = new LocalKnownKeys();

    @PostConstruct
    void pick() {
        Redis redis = setup.redis();
        if (redis != null) {
            shared = new RedisGatewayState(redis, reservationTtlMs);
        }
    }

    @Produces
    @ApplicationScoped
    RateLimiter rateLimiter() {
        return shared != null ? shared : localRates;
    }

    @Produces
    @ApplicationScoped
    SpendGuard spendGuard() {
        return shared != null ? shared : localSpend;
    }

    @Produces
    @ApplicationScoped
    CallAdmission callAdmission() {
        return shared != null ? shared : new LocalCallAdmission(localRates, localSpend);
    }

    @Produces
    @ApplicationScoped
    KnownKeys knownKeys() {
        return shared != null ? shared : localKnown;
    }

    @Produces
    @ApplicationScoped
    Generations generations() {
        return shared != null ? shared : Generations.LOCAL;
    }

    @Produces
    @ApplicationScoped
    KeyInvalidation keyInvalidation() {
        return shared != null ? new RedisKeyInvalidation(shared, localInvalidation) : localInvalidation;
    }
}
