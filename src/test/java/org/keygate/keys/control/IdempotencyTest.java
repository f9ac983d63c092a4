package org.keygate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.keygate.keys.entity.IdempotencyRecord;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.Unprocessable;

/** Idempotency-Key: the header's grammar, what identifies a request, replay or refusal, and how long it lasts. */
class IdempotencyTest {

    public record Body(String teamId, String name) {
    }

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final Idempotency idempotency = new Idempotency(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theHeaderIsOneTo255VisibleAsciiCharacters() {
        Idempotency.check("a");
        Idempotency.check("x".repeat(255));
        Idempotency.check("550e8400-e29b-41d4-a716-446655440000");
        for (String bad : new String[] {"", "x".repeat(256), "with space", "tab\t", "ümlaut"}) {
            InvalidInput e = assertThrows(InvalidInput.class, () -> Idempotency.check(bad), bad);
            assertEquals("Idempotency-Key", e.field());
            assertEquals("must be 1 to 255 visible ASCII characters", e.getMessage());
        }
    }

    @Test
    void theSameBodyReplaysTheEarlierKeyAnotherIsRefused() {
        IdempotencyRecord earlier = idempotency.record("mem_1", "create", "idem-1", new Body("team_1", "ci"), "key_1");
        assertEquals("key_1", Idempotency.keyOf(earlier, new Body("team_1", "ci")));
        Unprocessable e = assertThrows(Unprocessable.class, () -> Idempotency.keyOf(earlier, new Body("team_1", "other")));
        assertEquals(422, e.status());
        assertEquals("idempotency_key_reused", e.code());
        assertEquals("Idempotency-Key", e.field());
    }

    @Test
    void fingerprintsAreOfTheRequestsJson() {
        assertEquals(Idempotency.fingerprint(new Body("t", "a")), Idempotency.fingerprint(new Body("t", "a")));
        assertNotEquals(Idempotency.fingerprint(new Body("t", "a")), Idempotency.fingerprint(new Body("t", "b")));
        assertEquals(64, Idempotency.fingerprint(null).length(), "a rotation without a body has one too");
    }

    @Test
    void recordsAreDatedByTheClockAndKeptADay() {
        IdempotencyRecord record = idempotency.record("mem_1", "rotate:key_1", "idem-2", null, "key_2");
        assertEquals(NOW, record.getCreatedAt());
        assertTrue(record.getId().startsWith("idem_"));
        assertEquals("mem_1", record.getActorId());
        assertEquals("rotate:key_1", record.getOperation());
        assertEquals("idem-2", record.getIdemKey());
        assertEquals("key_2", record.getKeyId());
        assertEquals(Instant.parse("2026-05-31T12:00:00Z"), idempotency.cutoff());
    }
}
