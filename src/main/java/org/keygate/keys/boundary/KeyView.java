package org.keygate.keys.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.keygate.keys.control.RotationPolicy;
import org.keygate.keys.entity.ApiKey;

/** A key as the API shows it: every field of docs/api.md except the hash, and never the plaintext. */
public record KeyView(String id, String name, String teamId, String ownerId, String keyPrefix, String last4,
        String display, String group, String project, List<String> allowedModels, List<String> ipWhitelist,
        Integer rpmLimit, BigDecimal dailyLimit, Instant expiresAt, String status, boolean rotationDue,
        Instant createdAt, String createdBy, Instant lastUsedAt, String lastUsedIp, String rotatedFrom,
        String rotatedTo, Instant rotationEndsAt, Instant deactivatedAt, String deactivatedBy,
        String deactivationReason) {

    public static KeyView from(ApiKey k, Instant now, RotationPolicy rotation) {
        return new KeyView(k.getId(), k.getName(), k.getTeamId(), k.getOwnerId(), k.getKeyPrefix(), k.getLast4(),
                k.getKeyPrefix() + "…" + k.getLast4(), k.getGroup(), k.getProject(), k.getAllowedModels(),
                k.getIpWhitelist(), k.getRpmLimit(), k.getDailyLimit() == null ? null : k.getDailyLimit().setScale(6),
                k.getExpiresAt(), k.statusAt(now).json(), rotation.isDue(k, now), k.getCreatedAt(), k.getCreatedBy(),
                k.getLastUsedAt(), k.getLastUsedIp(), k.getRotatedFrom(), k.getRotatedTo(), k.getRotationEndsAt(),
                k.getDeactivatedAt(), k.getDeactivatedBy(), k.getDeactivationReason());
    }
}
