package org.keygate.gateway.control;

/**
 * {@link CallAdmission} of one node: the rate limiter, then (if the rate passed) the spend guard.
 * Never stale: on one node every change reaches the cache before the admin's call returns.
 */
public final class LocalCallAdmission implements CallAdmission {

    private final RateLimiter rates;
    private final SpendGuard spend;

    public LocalCallAdmission(RateLimiter rates, SpendGuard spend) {
        this.rates = rates;
        this.spend = spend;
    }

    @Override
    public Verdict admit(GatewayKey key, String catalogGeneration, long amount, Spend mode, long now) {
        RateDecision rate = rates.acquire(key.id(), key.rpmLimit(), now);
        if (!rate.allowed() || mode == Spend.NONE) {
            return Verdict.of(rate, null);
        }
        Reservation reservation = spend.reserve(key.budget(), amount, now);
        if (mode == Spend.PROBE && reservation.ok()) {
            spend.release(reservation, now);
        }
        return Verdict.of(rate, reservation);
    }
}
