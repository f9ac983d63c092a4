package org.keygate.keys.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.keygate.platform.boundary.OptionalBody;

/**
 * {@code POST /api/v1/keys/{id}/rotate}: {@code old_key_expires_in} is the grace period in seconds
 * during which both keys work (0 = the old key stops at once; absent = the configured default).
 */
@OptionalBody
public record RotateKeyRequest(
        @Min(value = 0, message = KeyLimits.GRACE) @Max(value = KeyLimits.MAX_GRACE_SECONDS, message = KeyLimits.GRACE)
        Long oldKeyExpiresIn) {
}
