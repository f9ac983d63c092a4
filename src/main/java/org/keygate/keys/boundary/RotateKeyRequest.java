package org.keygate.keys.boundary;

import org.keygate.platform.boundary.OptionalBody;

/**
 * {@code POST /api/v1/keys/{id}/rotate}: {@code old_key_expires_in} is the grace period in seconds
 * during which both keys work (0 = the old key stops at once; absent = the configured default).
 */
@OptionalBody
public record RotateKeyRequest(Long oldKeyExpiresIn) {
}
