package org.keygate.keys.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.keygate.keys.control.RotationPolicy;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.control.InvalidInput;

/** The query parameters of {@code GET /api/v1/keys}; each given one narrows the list. */
public record KeyCriteria(String teamId, String ownerId, String group, String project, String status,
        String rotationDue) {

    void addTo(List<String> where, Map<String, Object> params, Instant now, RotationPolicy rotation) {
        if (teamId != null) {
            where.add("k.teamId = :teamId");
            params.put("teamId", teamId);
        }
        if (ownerId != null) {
            where.add("k.ownerId = :ownerId");
            params.put("ownerId", ownerId);
        }
        if (group != null) {
            where.add("k.group = :group");
            params.put("group", group);
        }
        if (project != null) {
            where.add("k.project = :project");
            params.put("project", project);
        }
        String live = "k.status = :active AND (k.rotationEndsAt IS NULL OR k.rotationEndsAt > :now)";
        if (status != null) {
            params.put("active", KeyStatus.ACTIVE);
            params.put("now", now);
            switch (status) {
                case "active" -> where.add(live + " AND (k.expiresAt IS NULL OR k.expiresAt > :now)");
                case "expired" -> where.add(live + " AND k.expiresAt <= :now");
                case "deactivated" -> where.add("(k.status <> :active OR k.rotationEndsAt <= :now)");
                default -> throw new InvalidInput("status", "must be active, deactivated or expired");
            }
        }
        if (rotationDue != null) {
            if (!"true".equals(rotationDue)) {
                throw new InvalidInput("rotation_due", "must be true when given");
            }
            params.put("active", KeyStatus.ACTIVE);
            params.put("now", now);
            params.put("dueBefore", rotation.dueBefore(now));
            where.add(live + " AND (k.expiresAt IS NULL OR k.expiresAt > :now) AND k.rotatedTo IS NULL"
                    + " AND k.createdAt <= :dueBefore");
        }
    }
}
