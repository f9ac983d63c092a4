package org.keygate.gateway.control;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Money held for one call between the checks and the answer: the call's maximum cost, against
 * both the key's day and the team's balance. It ends exactly once — settled to the real cost or
 * released — whatever path the call takes.
 */
public final class Reservation {

    /** Why a reservation was refused, or OK. */
    public enum Outcome { OK, DAILY_LIMIT, INSUFFICIENT_BALANCE }

    final Budget budget;
    final long amountMicros;
    final long dayEnd;
    /** Shared state only: the reservation's name in Redis and the start of its day (null/0 on one node). */
    final String token;
    final long dayStart;
    private final Outcome outcome;
    private final long limitMicros;
    private final long remainingMicros;
    private final long resetMillis;
    private final AtomicBoolean ended = new AtomicBoolean();

    Reservation(Budget budget, long amountMicros, long dayEnd, Outcome outcome, long limitMicros,
            long remainingMicros, long resetMillis) {
        this(budget, amountMicros, 0, dayEnd, null, outcome, limitMicros, remainingMicros, resetMillis);
    }

    Reservation(Budget budget, long amountMicros, long dayStart, long dayEnd, String token, Outcome outcome,
            long limitMicros, long remainingMicros, long resetMillis) {
        this.token = token;
        this.dayStart = dayStart;
        this.budget = budget;
        this.amountMicros = amountMicros;
        this.dayEnd = dayEnd;
        this.outcome = outcome;
        this.limitMicros = limitMicros;
        this.remainingMicros = remainingMicros;
        this.resetMillis = resetMillis;
        if (outcome != Outcome.OK) {
            ended.set(true);
        }
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    public long amountMicros() {
        return amountMicros;
    }

    /** For a daily-limit refusal: the cap, what is left of it, and milliseconds until the day ends. */
    public long limitMicros() {
        return limitMicros;
    }

    public long remainingMicros() {
        return remainingMicros;
    }

    public long resetMillis() {
        return resetMillis;
    }

    /** True the first time only: the caller owns ending it. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }
}
