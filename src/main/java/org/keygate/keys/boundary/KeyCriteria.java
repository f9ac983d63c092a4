package org.keygate.keys.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.keygate.keys.control.RotationPolicy;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.control.InvalidInput;

/**
 * The query parameters of {@code GET /api/v1/keys}; each given one narrows the list, and
 * {@link #orderBy(String)} turns {@code sort} into JPQL.
 */
public record KeyCriteria(String teamId, String ownerId, String group, String project, String status,
        String rotationDue) {

    private static final Map<String, String> SORTS = Map.of(
            "created_at", "k.createdAt", "name", "k.name", "last_used_at", "k.lastUsedAt",
            "expires_at", "k.expiresAt", "deactivated_at", "k.deactivatedAt");

    /** {@code -created_at} (the default) → {@code k.createdAt DESC, k.id DESC}: ties broken by id, so pages are stable. */
    static String orderBy(String sort) {
        String s = sort == null || sort.isBlank() ? "-created_at" : sort.strip();
        boolean desc = s.startsWith("-");
        String path = SORTS.get(desc ? s.substring(1) : s);
        if (path == null) {
            throw new InvalidInput("sort", "must be one of created_at, name, last_used_at, expires_at, deactivated_at, optionally prefixed with -");
        }
        String dir = desc ? " DESC" : " ASC";
        return path + dir + ", k.id" + dir;
    }

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
