package org.keygate.keys.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.access.boundary.Caller;
import org.keygate.access.entity.OrgRole;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.catalog.control.ModelPatterns;
import org.keygate.catalog.entity.Model;
import org.keygate.keys.control.KeyMint;
import org.keygate.keys.control.RotationPolicy;
import org.keygate.keys.entity.ApiKey;
import org.keygate.keys.entity.IdempotencyRecord;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.boundary.Listing;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Check;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.Forbidden;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.IpRange;
import org.keygate.platform.control.Json;
import org.keygate.platform.control.NotFound;
import org.keygate.platform.control.Secrets;
import org.keygate.platform.control.Unprocessable;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Team;

/**
 * The key lifecycle of SPEC §4. A MEMBER works on their own keys in their teams, a TEAM_ADMIN on
 * every key of their teams, ORG_ADMIN on all; other people's keys answer 404. Every change is
 * audited and announced with {@link KeyChanged}.
 */
@Stateless
public class ApiKeys {

    static final int MAX_LIST_ENTRIES = 100;
    static final long MAX_GRACE_SECONDS = Duration.ofDays(30).toSeconds();
    private static final Map<String, String> SORTS = Map.of(
            "created_at", "k.createdAt", "name", "k.name", "last_used_at", "k.lastUsedAt",
            "expires_at", "k.expiresAt", "deactivated_at", "k.deactivatedAt");

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<KeyChanged> changes;

    @Inject
    @ConfigProperty(name = "keygate.keys.rotation-period-days", defaultValue = "90")
    int rotationPeriodDays;

    @Inject
    @ConfigProperty(name = "keygate.keys.rotation-grace-seconds", defaultValue = "86400")
    long defaultGraceSeconds;

    private final KeyMint mint = new KeyMint();

    public MintedKey create(CreateKeyRequest request, String idempotencyKey) {
        Optional<MintedKey> replay = replay("create", idempotencyKey, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (request.teamId() == null) {
            throw new InvalidInput("team_id", "is required");
        }
        Team team = em.find(Team.class, request.teamId());
        if (team == null || !caller.canReadTeam(team.getId())) {
            throw new InvalidInput("team_id", "is not a known team");
        }
        caller.requireWriter();
        String ownerId = request.ownerId() == null ? caller.memberId() : request.ownerId();
        checkOwner(team, ownerId);
        Instant now = Instant.now(clock);
        String plaintext = mint.mint();
        ApiKey key = new ApiKey(Ids.next("key_", clock), team.getId(), ownerId, Check.required("name", request.name(), 200),
                KeyMint.hash(plaintext), KeyMint.prefixOf(plaintext), KeyMint.last4Of(plaintext), now, caller.username());
        key.setGroup(Check.optional("group", request.group(), 100));
        key.setProject(Check.optional("project", request.project(), 100));
        key.setAllowedModels(models(request.allowedModels()));
        key.setIpWhitelist(ipRanges(request.ipWhitelist()));
        key.setRpmLimit(rpmLimit(team, request.rpmLimit()));
        key.setDailyLimit(Check.positiveMoney("daily_limit", request.dailyLimit()));
        key.setExpiresAt(expiry(request.expiresAt(), now));
        em.persist(key);
        remember("create", idempotencyKey, request, key.getId(), now);
        KeyView view = view(key);
        audit.record(caller.username(), caller.sourceIp(), "key.create", "key", key.getId(), null, view);
        changes.fire(new KeyChanged(key.getId(), key.getKeyHash()));
        return new MintedKey(view, plaintext, false);
    }

    public KeyView get(String id) {
        return view(visible(id));
    }

    public Page<KeyView> list(KeyCriteria filter, String sort, PageRequest page) {
        Instant now = Instant.now(clock);
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (!caller.readsEverything()) {
            Set<String> teams = caller.adminTeamIds();
            if (teams.isEmpty()) {
                where.add("k.ownerId = :self");
            } else {
                where.add("(k.ownerId = :self OR k.teamId IN :adminTeams)");
                params.put("adminTeams", teams);
            }
            params.put("self", caller.memberId());
        }
        filter.addTo(where, params, now, policy());
        RotationPolicy policy = policy();
        return Listing.page(em, ApiKey.class, "k", where, params, orderBy(sort), page, k -> KeyView.from(k, now, policy));
    }

    public KeyView update(String id, UpdateKeyRequest request) {
        ApiKey key = changeable(id);
        Instant now = Instant.now(clock);
        if (key.statusAt(now) == KeyStatus.DEACTIVATED) {
            throw new Conflict("key_deactivated", "a deactivated key cannot be changed");
        }
        KeyView before = view(key);
        Team team = em.find(Team.class, key.getTeamId());
        if (request.name() != null) {
            key.setName(Check.required("name", request.name().orElse(null), 200));
        }
        if (request.group() != null) {
            key.setGroup(Check.optional("group", request.group().orElse(null), 100));
        }
        if (request.project() != null) {
            key.setProject(Check.optional("project", request.project().orElse(null), 100));
        }
        if (request.allowedModels() != null) {
            key.setAllowedModels(models(request.allowedModels().orElse(null)));
        }
        if (request.ipWhitelist() != null) {
            key.setIpWhitelist(ipRanges(request.ipWhitelist().orElse(null)));
        }
        if (request.rpmLimit() != null) {
            key.setRpmLimit(rpmLimit(team, request.rpmLimit().orElse(null)));
        }
        if (request.dailyLimit() != null) {
            key.setDailyLimit(Check.positiveMoney("daily_limit", request.dailyLimit().orElse(null)));
        }
        if (request.expiresAt() != null) {
            key.setExpiresAt(expiry(request.expiresAt().orElse(null), now));
        }
        em.flush();
        KeyView after = view(key);
        audit.record(caller.username(), caller.sourceIp(), "key.update", "key", id, before, after);
        changes.fire(new KeyChanged(key.getId(), key.getKeyHash()));
        return after;
    }

    public KeyView deactivate(String id, DeactivateKeyRequest request) {
        ApiKey key = changeable(id);
        String reason = Check.required("reason", request.reason(), 500);
        if (key.statusAt(Instant.now(clock)) == KeyStatus.DEACTIVATED) {
            throw new Conflict("key_already_deactivated", "the key is already deactivated");
        }
        return deactivate(key, caller.username(), caller.sourceIp(), reason);
    }

    /**
     * Deactivation by Keygate itself (a critical alert, a leak report), outside any user's request.
     * Answers false when the key was not live anyway.
     */
    public boolean deactivateBySystem(String id, String actor, String reason) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null || key.statusAt(Instant.now(clock)) == KeyStatus.DEACTIVATED) {
            return false;
        }
        deactivate(key, actor, null, reason);
        return true;
    }

    /** Offboarding: every live key the member owns, in the caller's transaction. */
    public List<String> deactivateAllOwnedBy(String memberId, String reason) {
        List<ApiKey> live = em.createNamedQuery(ApiKey.LIVE_BY_OWNER, ApiKey.class)
                .setParameter("ownerId", memberId).getResultList();
        List<String> ids = new ArrayList<>();
        for (ApiKey key : live) {
            deactivate(key, caller.username(), caller.sourceIp(), reason);
            ids.add(key.getId());
        }
        return ids;
    }

    public void delete(String id) {
        ApiKey key = changeable(id);
        if (key.statusAt(Instant.now(clock)) != KeyStatus.DEACTIVATED) {
            throw new Conflict("key_not_deactivated", "only a deactivated key can be deleted; deactivate it first");
        }
        KeyView before = view(key);
        em.remove(key);
        audit.record(caller.username(), caller.sourceIp(), "key.delete", "key", id, before, null);
        changes.fire(new KeyChanged(key.getId(), key.getKeyHash()));
    }

    /** A successor with the same settings; both keys work until the grace period ends or the rotation is finished. */
    public MintedKey rotate(String id, RotateKeyRequest request, String idempotencyKey) {
        Optional<MintedKey> replay = replay("rotate:" + id, idempotencyKey, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        ApiKey old = changeable(id);
        Instant now = Instant.now(clock);
        if (old.statusAt(now) != KeyStatus.ACTIVE) {
            throw new Conflict("key_not_active", "only an active key can be rotated");
        }
        if (old.getRotatedTo() != null) {
            throw new Conflict("rotation_in_progress", "the key is already being rotated to " + old.getRotatedTo());
        }
        long grace = request == null || request.oldKeyExpiresIn() == null ? defaultGraceSeconds : request.oldKeyExpiresIn();
        if (grace < 0 || grace > MAX_GRACE_SECONDS) {
            throw new InvalidInput("old_key_expires_in", "must be between 0 and " + MAX_GRACE_SECONDS + " seconds");
        }
        KeyView oldBefore = view(old);
        String plaintext = mint.mint();
        ApiKey successor = new ApiKey(Ids.next("key_", clock), old.getTeamId(), old.getOwnerId(), old.getName(),
                KeyMint.hash(plaintext), KeyMint.prefixOf(plaintext), KeyMint.last4Of(plaintext), now, caller.username());
        successor.setGroup(old.getGroup());
        successor.setProject(old.getProject());
        successor.setAllowedModels(old.getAllowedModels());
        successor.setIpWhitelist(old.getIpWhitelist());
        successor.setRpmLimit(old.getRpmLimit());
        successor.setDailyLimit(old.getDailyLimit());
        successor.setExpiresAt(old.getExpiresAt());
        successor.setRotatedFrom(old.getId());
        em.persist(successor);
        old.startRotation(successor.getId(), now.plusSeconds(grace));
        if (grace == 0) {
            old.deactivate(now, caller.username(), "rotated");
        }
        em.flush();
        remember("rotate:" + id, idempotencyKey, request, successor.getId(), now);
        KeyView view = view(successor);
        audit.record(caller.username(), caller.sourceIp(), "key.rotate", "key", old.getId(), oldBefore, view(old));
        audit.record(caller.username(), caller.sourceIp(), "key.create", "key", successor.getId(), null, view);
        changes.fire(new KeyChanged(old.getId(), old.getKeyHash()));
        changes.fire(new KeyChanged(successor.getId(), successor.getKeyHash()));
        return new MintedKey(view, plaintext, false);
    }

    /** Ends a rotation now: the old key of the pair (given either key's id) is deactivated. */
    public KeyView finishRotation(String id) {
        ApiKey key = changeable(id);
        ApiKey old = key.getRotatedTo() != null ? key
                : key.getRotatedFrom() != null ? em.find(ApiKey.class, key.getRotatedFrom()) : null;
        if (old == null || old.getRotatedTo() == null || old.statusAt(Instant.now(clock)) == KeyStatus.DEACTIVATED) {
            throw new Conflict("no_rotation_in_progress", "this key has no rotation in progress");
        }
        deactivate(old, caller.username(), caller.sourceIp(), "rotated");
        return view(key);
    }

    /** Deactivates keys whose rotation grace period has ended; run by {@link RotationSweeper}. */
    public int endExpiredRotations() {
        Instant now = Instant.now(clock);
        List<ApiKey> ended = em.createNamedQuery(ApiKey.ROTATION_ENDED, ApiKey.class).setParameter("now", now)
                .getResultList();
        for (ApiKey key : ended) {
            KeyView before = view(key);
            key.deactivate(key.getRotationEndsAt(), AuditLog.SYSTEM, "rotated");
            audit.record(AuditLog.SYSTEM, null, "key.deactivate", "key", key.getId(), before, view(key));
            changes.fire(new KeyChanged(key.getId(), key.getKeyHash()));
        }
        em.createNamedQuery(IdempotencyRecord.PURGE).setParameter("before", now.minus(Duration.ofHours(24)))
                .executeUpdate();
        return ended.size();
    }

    /** After a failed create or rotate, whether a concurrent twin with the same Idempotency-Key won. */
    public Optional<MintedKey> replayAfterRace(String operation, String idempotencyKey, Record request) {
        return idempotencyKey == null ? Optional.empty() : replay(operation, idempotencyKey, request);
    }

    private KeyView deactivate(ApiKey key, String actor, String sourceIp, String reason) {
        KeyView before = view(key);
        key.deactivate(Instant.now(clock), actor, reason);
        em.flush();
        KeyView after = view(key);
        audit.record(actor, sourceIp, "key.deactivate", "key", key.getId(), before, after);
        changes.fire(new KeyChanged(key.getId(), key.getKeyHash()));
        return after;
    }

    private Optional<MintedKey> replay(String operation, String idempotencyKey, Record request) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (idempotencyKey.isEmpty() || idempotencyKey.length() > 255 || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInput("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
        List<IdempotencyRecord> found = em.createNamedQuery(IdempotencyRecord.FIND, IdempotencyRecord.class)
                .setParameter("actorId", caller.memberId()).setParameter("operation", operation)
                .setParameter("idemKey", idempotencyKey).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyRecord record = found.get(0);
        if (!record.getRequestHash().equals(fingerprint(request))) {
            throw new Unprocessable("idempotency_key_reused", "Idempotency-Key",
                    "this Idempotency-Key was already used with a different request body");
        }
        ApiKey key = em.find(ApiKey.class, record.getKeyId());
        if (key == null) {
            throw new Conflict("idempotent_result_gone", "the key this Idempotency-Key created has since been deleted");
        }
        return Optional.of(new MintedKey(view(key), null, true));
    }

    private void remember(String operation, String idempotencyKey, Record request, String keyId, Instant now) {
        if (idempotencyKey != null) {
            em.persist(new IdempotencyRecord(Ids.next("idem_", clock), caller.memberId(), operation, idempotencyKey,
                    fingerprint(request), keyId, now));
            em.flush();
        }
    }

    private static String fingerprint(Record request) {
        return Secrets.sha256Hex(request == null ? "" : Json.write(request));
    }

    private ApiKey visible(String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null || !(caller.readsEverything() || caller.memberId().equals(key.getOwnerId())
                || caller.isTeamAdmin(key.getTeamId()))) {
            throw new NotFound("key", id);
        }
        return key;
    }

    private ApiKey changeable(String id) {
        ApiKey key = visible(id);
        caller.requireWriter();
        return key;
    }

    private void checkOwner(Team team, String ownerId) {
        if (!caller.isTeamAdmin(team.getId()) && !ownerId.equals(caller.memberId())) {
            throw new Forbidden("a MEMBER can only create keys they own");
        }
        Member owner = em.find(Member.class, ownerId);
        boolean ownerVisible = owner != null && (caller.readsEverything() || ownerId.equals(caller.memberId())
                || owner.getMemberships().stream().anyMatch(m -> caller.isTeamAdmin(m.getTeam().getId())));
        if (!ownerVisible) {
            throw new InvalidInput("owner_id", "is not a known member");
        }
        if (!owner.isActive()) {
            throw new InvalidInput("owner_id", "is offboarded");
        }
        boolean inTeam = owner.getOrgRole() == OrgRole.ORG_ADMIN
                || owner.getMemberships().stream().anyMatch(m -> m.getTeam().getId().equals(team.getId()));
        if (!inTeam) {
            throw new InvalidInput("owner_id", "is not a member of team " + team.getId());
        }
    }

    private Integer rpmLimit(Team team, Integer value) {
        Integer rpm = Check.positive("rpm_limit", value, 1_000_000);
        if (rpm != null && !caller.isTeamAdmin(team.getId()) && team.getDefaultRpmLimit() != null
                && rpm > team.getDefaultRpmLimit()) {
            throw new InvalidInput("rpm_limit", "must not exceed the team's default of " + team.getDefaultRpmLimit()
                    + " for a MEMBER; ask a team admin");
        }
        return rpm;
    }

    private List<String> models(List<String> patterns) {
        if (patterns == null) {
            return List.of();
        }
        if (patterns.size() > MAX_LIST_ENTRIES) {
            throw new InvalidInput("allowed_models", "must have at most " + MAX_LIST_ENTRIES + " entries");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < patterns.size(); i++) {
            String field = "allowed_models[" + i + "]";
            String p = patterns.get(i).strip();
            if (ModelPatterns.isPrefixPattern(p)) {
                out.add(p);
            } else if (ModelPatterns.isModelId(p)) {
                if (em.find(Model.class, p) == null) {
                    throw new InvalidInput(field, "'" + p + "' is not in the model catalogue");
                }
                out.add(p);
            } else {
                throw new InvalidInput(field, "must be a model id like anthropic/claude-sonnet-4-6 or a prefix like anthropic/*");
            }
        }
        return List.copyOf(out);
    }

    private static List<String> ipRanges(List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        if (entries.size() > MAX_LIST_ENTRIES) {
            throw new InvalidInput("ip_whitelist", "must have at most " + MAX_LIST_ENTRIES + " entries");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(IpRange.parse(entries.get(i)).toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("ip_whitelist[" + i + "]", "'" + entries.get(i) + "' " + e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    private static Instant expiry(Instant value, Instant now) {
        if (value != null && !value.isAfter(now)) {
            throw new InvalidInput("expires_at", "must be in the future");
        }
        return value;
    }

    private static String orderBy(String sort) {
        String s = sort == null || sort.isBlank() ? "-created_at" : sort.strip();
        boolean desc = s.startsWith("-");
        String path = SORTS.get(desc ? s.substring(1) : s);
        if (path == null) {
            throw new InvalidInput("sort", "must be one of created_at, name, last_used_at, expires_at, deactivated_at, optionally prefixed with -");
        }
        String dir = desc ? " DESC" : " ASC";
        return path + dir + ", k.id" + dir;
    }

    private RotationPolicy policy() {
        return new RotationPolicy(Duration.ofDays(rotationPeriodDays));
    }

    private KeyView view(ApiKey key) {
        return KeyView.from(key, Instant.now(clock), policy());
    }
}
