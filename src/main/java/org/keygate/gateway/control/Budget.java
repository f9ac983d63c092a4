package org.keygate.gateway.control;

import java.time.ZoneId;

/**
 * What a key may spend, as read when the key was loaded: its daily cap in micro-USD
 * ({@code -1} = none), its team, the team's time zone (the day of the cap) and billing.
 */
public record Budget(String keyId, String teamId, ZoneId zone, long dailyLimitMicros, boolean prepaid) {

    public boolean hasDailyLimit() {
        return dailyLimitMicros >= 0;
    }
}
