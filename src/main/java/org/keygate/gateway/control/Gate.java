package org.keygate.gateway.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.keys.control.KeyMint;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.control.DatabaseOutage;
import org.keygate.platform.control.SharedStateUnavailable;

/**
 * The checks of docs/gateway.md, one method per row of the table, in the order the callers apply them:
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
    CallAdmission admission;

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
        GatewayKey key;
        try {
            key = keys.find(KeyHashes.sha256Hex(credential));
        } catch (SharedStateUnavailable e) {
            throw unavailable();
        } catch (RuntimeException e) {
            throw outageOr(e);
        }
        if (key == null) {
            throw invalidKey();
        }
        return key;
    }

    /**
     * The live key a credential names, or null — for a key seen where it must not be (a URL), so
     * no refusal is thrown: garbage, unknown, deactivated and expired keys are all null.
     */
    public GatewayKey liveKey(String credential, long now) {
        if (credential == null || !KeyMint.isWellFormed(credential)) {
            return null;
        }
        try {
            GatewayKey key = keys.find(KeyHashes.sha256Hex(credential));
            return key != null && key.statusAt(now) == KeyStatus.ACTIVE ? key : null;
        } catch (SharedStateUnavailable e) {
            return null;
        }
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
            throw new GatewayException(GatewayError.IP_NOT_ALLOWED, clientIp == null
                    ? "This API key only allows requests from the addresses of its ip_whitelist, and no client address was given."
                    : "Requests from " + clientIp + " are not allowed for this API key (see its ip_whitelist).");
        }
    }

    /** The allow check first, then existence: a key that may not use a model learns nothing about it. */
    public Route route(GatewayKey key, String model) {
        if (!key.allowsModel(model)) {
            throw new GatewayException(GatewayError.MODEL_NOT_ALLOWED, "This API key may not use the model '" + model
                    + "' (see its allowed_models).", "model");
        }
        Route route = routes.get(model);
        if (route == null && routesBehind()) {
            route = routes.get(model); // added on another node since this node read the catalogue
        }
        if (route == null) {
            throw new GatewayException(GatewayError.MODEL_NOT_FOUND, "The model '" + model + "' does not exist.", "model");
        }
        return route;
    }

    private boolean routesBehind() {
        try {
            return routes.behindTheCluster();
        } catch (SharedStateUnavailable e) {
            throw unavailable();
        }
    }

    /**
     * A relayed call's shared checks, after its route: rate, then the reservation of the call's
     * maximum cost ({@link RelayedRequest#maxInputTokens}, {@link RelayedRequest#maxOutputTokens})
     * against the key's day and the team balance. With several nodes these are one round trip that
     * also tells whether the key's snapshot is current; if it is not, the key is read again, its
     * status, IP and route checked again, and the checks tried once more.
     */
    public Admission admitRelayed(GatewayKey key, String clientIp, Route route, RelayedRequest request, long now) {
        return admit(key, clientIp, route.modelId(), route, request, CallAdmission.Spend.RESERVE, now);
    }

    /**
     * For the verify endpoints, which cannot know a cost: the rate, and is anything left of the
     * day and of a prepaid balance (one micro-dollar, looked for and not held)?
     */
    public Admission admitVerify(GatewayKey key, String clientIp, String model, long now) {
        return admit(key, clientIp, model, null, null, CallAdmission.Spend.PROBE, now);
    }

    /** The rate only ({@code /v1/models}, {@code /v1/key/info}). */
    public Admission admitRate(GatewayKey key, String clientIp, long now) {
        return admit(key, clientIp, null, null, null, CallAdmission.Spend.NONE, now);
    }

    private Admission admit(GatewayKey key, String clientIp, String model, Route route, RelayedRequest request,
            CallAdmission.Spend mode, long now) {
        for (int attempt = 0; ; attempt++) {
            long amount = switch (mode) {
                case RESERVE -> route.price().maxCost(request.maxInputTokens(route), request.maxOutputTokens(route));
                case PROBE -> 1;
                case NONE -> 0;
            };
            CallAdmission.Verdict verdict;
            try {
                verdict = admission.admit(key, routes.generation(), amount, mode, now);
            } catch (SharedStateUnavailable e) {
                throw unavailable();
            }
            if (verdict.stale()) {
                if (attempt > 0) {
                    throw unavailable();
                }
                key = fresh(key, verdict);
                checkStatus(key, now);
                checkIp(key, clientIp);
                if (model != null) {
                    route = route(key, model);
                }
                continue;
            }
            RateDecision rate = verdict.rate();
            if (!rate.allowed()) {
                RateHeaders headers = RateHeaders.of(rate);
                throw new GatewayException(GatewayError.RATE_LIMIT_EXCEEDED, "Rate limit of " + key.rpmLimit()
                        + " requests per minute reached for this API key; try again in " + headers.retryAfterSeconds()
                        + " s.").with(headers);
            }
            Reservation reservation = verdict.reservation();
            if (reservation != null) {
                refuse(key, reservation, amount);
            }
            return new Admission(key, route, rate, mode == CallAdmission.Spend.RESERVE ? reservation : null);
        }
    }

    /** The key (and the catalogue, if it changed) as the database has them now. */
    private GatewayKey fresh(GatewayKey key, CallAdmission.Verdict verdict) {
        if (verdict.catalogGeneration() != null && !verdict.catalogGeneration().equals(routes.generation())) {
            routes.markStale();
        }
        boolean teamChanged = !java.util.Objects.equals(verdict.teamGeneration(), key.stamp().teamGeneration());
        GatewayKey reloaded;
        try {
            reloaded = keys.reload(key, teamChanged);
        } catch (SharedStateUnavailable e) {
            throw unavailable();
        } catch (RuntimeException e) {
            throw outageOr(e);
        }
        if (reloaded == null) {
            throw invalidKey();
        }
        return reloaded;
    }

    /** The outcome of the shared checks: the key as checked (read again if it was stale), route, rate, money held. */
    public record Admission(GatewayKey key, Route route, RateDecision rate, Reservation reservation) {
    }

    /** One chat choice's output cap: {@code max_completion_tokens} or {@code max_tokens} within the model's. */
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

    /**
     * A key that must be read from the database while it cannot be reached: 503, not a 500 — keys
     * the node holds keep working, this one is answered once the database is back.
     */
    static RuntimeException outageOr(RuntimeException e) {
        return DatabaseOutage.causedBy(e) ? new GatewayException(GatewayError.DATABASE_UNAVAILABLE, "The gateway cannot"
                + " read this key right now (its database does not answer), so the call was not made. Retry shortly.") : e;
    }

    private static GatewayException unavailable() {
        return new GatewayException(GatewayError.GATEWAY_STATE_UNAVAILABLE, "The gateway cannot check this key's"
                + " shared limits right now (its state store does not answer), so the call was not made. Retry shortly.");
    }

    private static GatewayException invalidKey() {
        return new GatewayException(GatewayError.INVALID_API_KEY,
                "Incorrect API key provided. Keys look like ck-…; find or create yours in Keygate.");
    }
}
