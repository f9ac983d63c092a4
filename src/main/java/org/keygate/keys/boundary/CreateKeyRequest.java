package org.keygate.keys.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** {@code POST /api/v1/keys}; {@code owner_id} defaults to the caller. */
public record CreateKeyRequest(String teamId, String ownerId, String name, String group, String project,
        List<String> allowedModels, List<String> ipWhitelist, Integer rpmLimit, BigDecimal dailyLimit,
        Instant expiresAt) {
}
