package org.keygate.gateway.control;

/** A key's calls, tokens and settled cost (micro-USD) on the current day of its team's time zone. */
public record DayUsage(long requests, long tokens, long costMicros) {

    public static final DayUsage NONE = new DayUsage(0, 0, 0);
}
