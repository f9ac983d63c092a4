package org.keygate.gateway.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.keys.control.KeyMint;
import org.keygate.keys.entity.KeyStatus;

/**
 * The checks of SPEC §3, one method per row of the table, in the order the callers apply them:
 * the gateway filter, {@code GET /auth/verify} and {@code POST /api/v1/verify}. Each failure is a
 * {@link GatewayException} with the table's status, type and code; messages say which limit and
 * when it resets, and never contain the key.
 */
@ApplicationScoped
public class Gate {

    @Inject
    KeyDirectory keys;

    @Inject
    Routes routes;

    @Inject
    RateLimiter rates;

    @Inject
    SpendGuard spend;

    @Inject
    GatewayStats stats;

    /** Format and checksum first (no lookup for garbage), then the hash lookup, then status. */
    public GatewayKey authenticate(String credential, long now) {
        if (credential == null || credential.isEmpty()) {
            throw new GatewayException(GatewayError.INVALID_API_KEY,
                    "No API key provided. Send it as 'Authorization: Bearer ck-…' or in the 'x-api-key' header.");
        }
        if (!KeyMint.isWellFormed(credential)) {
            stats.malformedKeys().increment();
            throw invalidKey();
        }
        GatewayKey key = keys.find(KeyHashes.sha256Hex(credential));
        if (key == null) {
            throw invalidKey();
        }
        return key;
    }

    /** Deactivated (or rotated out), then expired. */
    public void checkStatus(GatewayKey key, long now) {
        KeyStatus status = key.statusAt(now);
        if (status == KeyStatus.DEACTIVATED) {
            throw new GatewayException(GatewayError.KEY_DEACTIVATED, "The API key " + key.id() + " has been deactivated.");
        }
        if (status == KeyStatus.EXPIRED) {
            throw new GatewayException(GatewayError.KEY_EXPIRED, "The API key " + key.id() + " expired at "
                    + key.expiresAt() + ".");
        }
    }

    public void checkIp(GatewayKey key, String clientIp) {
        if (!key.allowsIp(clientIp)) {
            throw new GatewayException(GatewayError.IP_NOT_ALLOWED, "Requests from " + clientIp
                    + " are not allowed for this API key (see its ip_whitelist).");
        }
    }

    /** The allow check first, then existence: a key that may not use a model learns nothing about it. */
    public Route route(GatewayKey key, String model) {
        if (!key.allowsModel(model)) {
            throw new GatewayException(GatewayError.MODEL_NOT_ALLOWED, "This API key may not use the model '" + model
                    + "' (see its allowed_models).", "model");
        }
        Route route = routes.get(model);
        if (route == null) {
            throw new GatewayException(GatewayError.MODEL_NOT_FOUND, "The model '" + model + "' does not exist.", "model");
        }
        return route;
    }

    public RateDecision rate(GatewayKey key, long now) {
        RateDecision decision = rates.acquire(key.id(), key.rpmLimit(), now);
        if (!decision.allowed()) {
            RateHeaders headers = RateHeaders.of(decision);
            throw new GatewayException(GatewayError.RATE_LIMIT_EXCEEDED, "Rate limit of " + key.rpmLimit()
                    + " requests per minute reached for this API key; try again in " + headers.retryAfterSeconds()
                    + " s.").with(headers);
        }
        return decision;
    }

    /** Reserves the call's maximum cost against the key's day and the team balance. */
    public Reservation reserve(GatewayKey key, Route route, ChatRequest chat, long now) {
        long input = route.demo() ? DemoEcho.promptTokens(chat.messageTexts()) : chat.bodyBytes();
        long amount = route.price().maxCost(input, maxOutputTokens(route, chat));
        Reservation reservation = spend.reserve(key.budget(), amount, now);
        refuse(key, reservation, amount);
        return reservation;
    }

    /**
     * For the verify endpoints, which cannot know a cost: is anything left of the day and of a
     * prepaid balance? Probed by reserving one micro-dollar and giving it straight back.
     */
    public void checkSpend(GatewayKey key, long now) {
        Reservation probe = spend.reserve(key.budget(), 1, now);
        refuse(key, probe, 1);
        spend.release(probe, now);
    }

    public static long maxOutputTokens(Route route, ChatRequest chat) {
        return chat.maxTokens() == null ? route.maxOutputTokens() : Math.min(chat.maxTokens(), route.maxOutputTokens());
    }

    private void refuse(GatewayKey key, Reservation r, long amount) {
        switch (r.outcome()) {
            case OK -> {
                return;
            }
            case DAILY_LIMIT -> {
                long resetSeconds = (r.resetMillis() + 999) / 1000;
                throw new GatewayException(GatewayError.DAILY_LIMIT_EXCEEDED, "Daily spend limit of $"
                        + Price.usd(r.limitMicros()).toPlainString() + " reached for this API key ($"
                        + Price.usd(r.remainingMicros()).toPlainString() + " left, this call may cost up to $"
                        + Price.usd(amount).toPlainString() + "); it resets at midnight " + key.budget().zone()
                        + ", in " + resetSeconds + " s.")
                        .with(new RateHeaders(Price.usd(r.limitMicros()).toPlainString(),
                                Price.usd(r.remainingMicros()).toPlainString(), resetSeconds, Math.max(1, resetSeconds)));
            }
            case INSUFFICIENT_BALANCE -> throw new GatewayException(GatewayError.INSUFFICIENT_BALANCE,
                    "The team's balance ($" + Price.usd(r.remainingMicros()).toPlainString()
                            + " available) cannot cover this call (up to $" + Price.usd(amount).toPlainString()
                            + "). Ask an admin to top it up.");
            default -> throw new IllegalStateException(r.outcome().name());
        }
    }

    DayUsage today(GatewayKey key, long now) {
        return spend.today(key.budget(), now);
    }

    private static GatewayException invalidKey() {
        return new GatewayException(GatewayError.INVALID_API_KEY,
                "Incorrect API key provided. Keys look like ck-…; find or create yours in Keygate.");
    }
}
