package org.keygate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.keygate.platform.control.InvalidInput;

/** What a key's settings become, and the rules that need the catalogue, the team or the clock. */
class KeySettingsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final KeySettings settings = new KeySettings(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Set<String> catalogue = Set.of("demo/echo", "openai/gpt-4o-mini");

    @Test
    void modelsAreStrippedDeduplicatedAndExactIdsMustBeInTheCatalogue() {
        assertEquals(List.of("demo/echo", "anthropic/*"),
                settings.allowedModels(List.of(" demo/echo", "anthropic/*", "demo/echo "), catalogue::contains));
        assertEquals(List.of(), settings.allowedModels(null, catalogue::contains));
        InvalidInput e = assertThrows(InvalidInput.class,
                () -> settings.allowedModels(List.of("demo/echo", "nobody/unknown-model"), catalogue::contains));
        assertEquals("allowed_models[1]", e.field());
        assertEquals("'nobody/unknown-model' is not in the model catalogue", e.getMessage());
    }

    @Test
    void ipBlocksAreCanonicalAndDeduplicated() {
        assertEquals(List.of("10.0.0.0/8", "2001:db8::/32", "203.0.113.7"),
                settings.ipWhitelist(List.of("10.0.0.0/8", "2001:DB8::/32", " 203.0.113.7", "10.0.0.0/8")));
        assertEquals(List.of(), settings.ipWhitelist(null));
    }

    @Test
    void aMemberStaysWithinTheTeamsDefaultRpm() {
        assertEquals(50, settings.rpmLimit(50, 50, false));
        assertEquals(500, settings.rpmLimit(500, 50, true), "a team admin may exceed it");
        assertEquals(5000, settings.rpmLimit(5000, null, false), "no team default, no cap");
        assertNull(settings.rpmLimit(null, 50, false));
        InvalidInput e = assertThrows(InvalidInput.class, () -> settings.rpmLimit(51, 50, false));
        assertEquals("rpm_limit", e.field());
        assertEquals("must not exceed the team's default of 50 for a MEMBER; ask a team admin", e.getMessage());
    }

    @Test
    void anExpiryLiesInTheFutureOfTheClock() {
        assertEquals(NOW.plusSeconds(1), settings.expiresAt(NOW.plusSeconds(1)));
        assertNull(settings.expiresAt(null));
        for (Instant past : List.of(NOW, NOW.minusSeconds(1), Instant.parse("2001-01-01T00:00:00Z"))) {
            InvalidInput e = assertThrows(InvalidInput.class, () -> settings.expiresAt(past));
            assertEquals("expires_at", e.field());
            assertEquals("must be in the future", e.getMessage());
        }
    }
}
