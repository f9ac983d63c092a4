package org.keygate.gateway.control;

/**
 * The hard spend limits of docs/gateway.md — a key's {@code daily_limit} and its team's prepaid balance —
 * kept exact under concurrency by reserving a call's maximum cost before it is relayed and
 * settling to the real cost afterwards. A seam: the local implementation holds the counters in
 * this JVM; a multi-node deployment backs it with a shared engine.
 *
 * <p>Counters start from the database: whoever loads a key opens its team and day here first
 * ({@link #openTeam}, {@link #openKey}), and the usage writer reports each ledger debit it
 * commits ({@link #ledgerDebited}) so settled-but-unwritten costs are never counted twice.
 */
public interface SpendGuard {

    /** Holds {@code amountMicros} against the key's day and the team balance, or says which limit refuses. */
    Reservation reserve(Budget budget, long amountMicros, long nowMillis);

    /** Ends a reservation at the real cost (at most the reserved amount in normal operation). */
    void settle(Reservation reservation, long costMicros, long tokens, long nowMillis);

    /** Ends a reservation with no cost (the call failed before any usage). */
    void release(Reservation reservation, long nowMillis);

    /** Counts one call of the key today (every call, whatever it cost; costs come through {@link #settle}). */
    void count(Budget budget, long nowMillis);

    /**
     * Ends a gateway call: settles its reservation, if it had one, at {@code costMicros} (0 and 0
     * tokens release it) and counts the call today. An engine that can do both in one step
     * overrides this; it is what the gateway calls once per call.
     */
    default void finish(Budget budget, Reservation reservation, long costMicros, long tokens, long nowMillis) {
        if (reservation != null) {
            settle(reservation, costMicros, tokens, nowMillis);
        }
        count(budget, nowMillis);
    }

    DayUsage today(Budget budget, long nowMillis);

    /** Settled balance in micro-USD: the ledger minus costs not yet written to it. */
    long balance(String teamId);

    boolean knowsTeam(String teamId);

    void openTeam(String teamId, long ledgerBalanceMicros);

    /** The ledger was changed by someone else (top-up, adjustment): its new sum. */
    void ledgerReloaded(String teamId, long ledgerBalanceMicros);

    /** The usage writer committed a USAGE ledger entry of {@code -amountMicros}. */
    void ledgerDebited(String teamId, long amountMicros);

    boolean knowsKey(String keyId);

    void openKey(Budget budget, long nowMillis, DayUsage today);
}
