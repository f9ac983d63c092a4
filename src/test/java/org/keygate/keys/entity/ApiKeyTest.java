package org.keygate.keys.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link ApiKey#statusAt}: stored deactivation, then end of rotation, then expiry, else active. */
class ApiKeyTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @Test
    void newKeyIsActive() {
        ApiKey key = key();
        assertEquals(KeyStatus.ACTIVE, key.statusAt(NOW));
        assertEquals(KeyStatus.ACTIVE, key.getStatus());
        assertEquals(CREATED, key.getCreatedAt());
    }

    @Test
    void expiresAtTheExpiryInstant() {
        ApiKey key = key();
        key.setExpiresAt(NOW);
        assertEquals(KeyStatus.ACTIVE, key.statusAt(NOW.minusNanos(1_000)));
        assertEquals(KeyStatus.EXPIRED, key.statusAt(NOW));
        assertEquals(KeyStatus.EXPIRED, key.statusAt(NOW.plusSeconds(1)));
        assertEquals(KeyStatus.ACTIVE, key.getStatus(), "expiry is derived, not stored");
    }

    @Test
    void rotationEndDeactivatesAtItsInstant() {
        ApiKey key = key();
        key.startRotation("key_successor", NOW);
        assertEquals(KeyStatus.ACTIVE, key.statusAt(NOW.minusNanos(1_000)), "both keys active during the grace period");
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(NOW));
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(NOW.plus(Duration.ofDays(1))));
        assertEquals("key_successor", key.getRotatedTo());
        assertEquals(NOW, key.getRotationEndsAt());
    }

    @Test
    void deactivationIsImmediateAndRecorded() {
        ApiKey key = key();
        key.deactivate(NOW, "admin", "leaked in a gist");
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(NOW));
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(CREATED), "deactivation is stored, not time-dependent");
        assertEquals(KeyStatus.DEACTIVATED, key.getStatus());
        assertEquals(NOW, key.getDeactivatedAt());
        assertEquals("admin", key.getDeactivatedBy());
        assertEquals("leaked in a gist", key.getDeactivationReason());
    }

    @Test
    void deactivatedWinsOverExpired() {
        ApiKey key = key();
        key.setExpiresAt(NOW.minusSeconds(60));
        key.deactivate(NOW.minusSeconds(30), "admin", "offboarded");
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(NOW));
    }

    @Test
    void endedRotationWinsOverExpired() {
        ApiKey key = key();
        key.setExpiresAt(NOW.minusSeconds(60));
        key.startRotation("key_successor", NOW.minusSeconds(30));
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(NOW));
    }

    @Test
    void expiryStillAppliesDuringAGracePeriod() {
        ApiKey key = key();
        key.setExpiresAt(NOW.minusSeconds(60));
        key.startRotation("key_successor", NOW.plusSeconds(3600));
        assertEquals(KeyStatus.EXPIRED, key.statusAt(NOW));
    }

    @Test
    void deactivatedWinsOverARunningRotation() {
        ApiKey key = key();
        key.startRotation("key_successor", NOW.plusSeconds(3600));
        key.deactivate(NOW, "admin", "rotation finished");
        assertEquals(KeyStatus.DEACTIVATED, key.statusAt(NOW));
    }

    @Test
    void listsAreCopiedAndNeverNull() {
        ApiKey key = key();
        assertEquals(List.of(), key.getAllowedModels());
        assertEquals(List.of(), key.getIpWhitelist());
        List<String> models = new ArrayList<>(List.of("demo/*"));
        key.setAllowedModels(models);
        models.add("anthropic/*");
        assertEquals(List.of("demo/*"), key.getAllowedModels());
        assertNull(key.getExpiresAt());
    }

    static ApiKey key() {
        return new ApiKey("key_01TEST", "team_01", "mem_01", "ci", "0".repeat(64), "ck-abcd", "wxyz", CREATED, "admin");
    }
}
