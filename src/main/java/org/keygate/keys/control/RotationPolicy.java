package org.keygate.keys.control;

import java.time.Duration;
import java.time.Instant;

import org.keygate.keys.entity.ApiKey;
import org.keygate.keys.entity.KeyStatus;

/**
 * When a key is due for rotation (docs/api.md): it is live, has not been rotated yet, and is older
 * than the rotation period ({@code keygate.keys.rotation-period}, default 90 days).
 */
public record RotationPolicy(Duration period) {

    public boolean isDue(ApiKey key, Instant now) {
        return key.statusAt(now) == KeyStatus.ACTIVE && key.getRotatedTo() == null
                && !key.getCreatedAt().plus(period).isAfter(now);
    }

    /** Keys created at or before this instant are due. */
    public Instant dueBefore(Instant now) {
        return now.minus(period);
    }
}
