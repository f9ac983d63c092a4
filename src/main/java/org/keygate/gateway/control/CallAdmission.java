package org.keygate.gateway.control;

/**
 * A call's checks against shared counters, all at once: is the snapshot still current, the rpm
 * window, and the daily-cap and balance reservation of the call's maximum cost. A seam: on one
 * node the {@link RateLimiter} and the {@link SpendGuard} answer in turn; on several nodes one
 * Redis script answers everything in one round trip.
 */
public interface CallAdmission {

    /** What to do with the money side: nothing, look whether anything is left, or hold an amount. */
    enum Spend { NONE, PROBE, RESERVE }

    /**
     * @param catalogGeneration the generation the node's routing table was read at (null on one node)
     * @param amountMicros the amount to hold ({@link Spend#RESERVE}) or to look for ({@link Spend#PROBE})
     */
    Verdict admit(GatewayKey key, String catalogGeneration, long amountMicros, Spend spend, long nowMillis);

    /**
     * The answer. Stale: nothing was counted, the generations are the current ones. Otherwise the
     * rate decision and, when asked for, the reservation (refused or held).
     */
    record Verdict(boolean stale, String keyGeneration, String teamGeneration, String catalogGeneration,
            RateDecision rate, Reservation reservation) {

        static Verdict stale(String keyGeneration, String teamGeneration, String catalogGeneration) {
            return new Verdict(true, keyGeneration, teamGeneration, catalogGeneration, null, null);
        }

        static Verdict of(RateDecision rate, Reservation reservation) {
            return new Verdict(false, null, null, null, rate, reservation);
        }
    }
}
