package org.keygate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.keygate.keys.entity.ApiKey;

class RotationPolicyTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final RotationPolicy NINETY_DAYS = new RotationPolicy(Duration.ofDays(90));
    private static final Instant DUE = CREATED.plus(Duration.ofDays(90));

    @Test
    void notDueWithinThePeriod() {
        assertFalse(NINETY_DAYS.isDue(key(), CREATED));
        assertFalse(NINETY_DAYS.isDue(key(), CREATED.plus(Duration.ofDays(89))));
        assertFalse(NINETY_DAYS.isDue(key(), DUE.minusNanos(1_000)));
    }

    @Test
    void dueOnceThePeriodHasPassed() {
        assertTrue(NINETY_DAYS.isDue(key(), DUE));
        assertTrue(NINETY_DAYS.isDue(key(), DUE.plusSeconds(1)));
        assertTrue(NINETY_DAYS.isDue(key(), CREATED.plus(Duration.ofDays(400))));
    }

    @Test
    void periodIsConfigurable() {
        RotationPolicy week = new RotationPolicy(Duration.ofDays(7));
        assertTrue(week.isDue(key(), CREATED.plus(Duration.ofDays(7))));
        assertFalse(week.isDue(key(), CREATED.plus(Duration.ofDays(6))));
    }

    @Test
    void notDueOnceRotated() {
        ApiKey key = key();
        key.startRotation("key_successor", DUE.plus(Duration.ofDays(7)));
        assertFalse(NINETY_DAYS.isDue(key, DUE.plusSeconds(1)), "a rotation is already under way");
    }

    @Test
    void notDueWhenDeactivated() {
        ApiKey key = key();
        key.deactivate(CREATED.plusSeconds(60), "admin", "no longer needed");
        assertFalse(NINETY_DAYS.isDue(key, DUE.plusSeconds(1)));
    }

    @Test
    void notDueWhenExpired() {
        ApiKey key = key();
        key.setExpiresAt(CREATED.plus(Duration.ofDays(30)));
        assertFalse(NINETY_DAYS.isDue(key, DUE.plusSeconds(1)));
    }

    @Test
    void dueWhenItsExpiryIsStillAhead() {
        ApiKey key = key();
        key.setExpiresAt(CREATED.plus(Duration.ofDays(365)));
        assertTrue(NINETY_DAYS.isDue(key, DUE.plusSeconds(1)));
    }

    @Test
    void dueBeforeAgreesWithIsDue() {
        Instant now = Instant.parse("2025-06-15T08:30:00Z");
        Instant cutoff = NINETY_DAYS.dueBefore(now);
        assertEquals(now.minus(Duration.ofDays(90)), cutoff);
        assertTrue(NINETY_DAYS.isDue(keyCreatedAt(cutoff), now), "created exactly at the cut-off is due");
        assertFalse(NINETY_DAYS.isDue(keyCreatedAt(cutoff.plusNanos(1_000)), now), "created after it is not");
    }

    private static ApiKey key() {
        return keyCreatedAt(CREATED);
    }

    private static ApiKey keyCreatedAt(Instant created) {
        return new ApiKey("key_01TEST", "team_01", "mem_01", "ci", "0".repeat(64), "ck-abcd", "wxyz", created, "admin");
    }
}
