package org.keygate.keys.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code PATCH /api/v1/keys/{id}}: absent fields stay as they are, {@code null} clears a setting. */
public record UpdateKeyRequest(Optional<String> name, Optional<String> group, Optional<String> project,
        Optional<List<String>> allowedModels, Optional<List<String>> ipWhitelist, Optional<Integer> rpmLimit,
        Optional<BigDecimal> dailyLimit, Optional<Instant> expiresAt) {
}
