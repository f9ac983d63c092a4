package org.keygate.gateway.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Calendar-day boundaries in a time zone, as epoch milliseconds (DST days are 23 or 25 h long). */
public final class Day {

    private Day() {
    }

    /** {@code [start, end)} of the day containing {@code nowMillis} in {@code zone}. */
    public static long[] bounds(ZoneId zone, long nowMillis) {
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(nowMillis), zone);
        return new long[] {date.atStartOfDay(zone).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()};
    }
}
