package org.keygate.keys.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.access.boundary.Caller;
import org.keygate.audit.boundary.AuditLog;
import org.keygate.catalog.entity.Model;
import org.keygate.keys.control.Idempotency;
import org.keygate.keys.control.KeyAccess;
import org.keygate.keys.control.KeyMint;
import org.keygate.keys.control.KeySettings;
import org.keygate.keys.control.RotationPolicy;
import org.keygate.keys.entity.ApiKey;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.boundary.Listing;
import org.keygate.platform.boundary.Page;
import org.keygate.platform.boundary.PageRequest;
import org.keygate.platform.control.Conflict;
import org.keygate.platform.control.Ids;
import org.keygate.platform.control.Input;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.NotFound;
import org.keygate.team.entity.Member;
import org.keygate.team.entity.Team;
import org.keygate.platform.control.ReportsInvalidInput;

/**
 * The key lifecycle of docs/api.md: create, read, list, change, deactivate, delete, rotate. Requests are
 * validated by their constraints on the way in; who may do what is {@link KeyAccess}'s, what the
 * settings become {@link KeySettings}', retries with an Idempotency-Key {@link Idempotency}'s. Every
 * change is audited and announced with {@link KeyChanged}.
 */
@Stateless
@ReportsInvalidInput
public class ApiKeys {

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    KeyAccess access;

    @Inject
    KeySettings settings;

    @Inject
    Idempotency idempotency;

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

    public MintedKey create(@NotNull @Valid CreateKeyRequest request, String idempotencyKey) {
        Optional<MintedKey> replay = replay("create", idempotencyKey, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        Team team = em.find(Team.class, request.teamId());
        if (team == null || !access.mayCreateIn(team.getId())) {
            throw new InvalidInput("team_id", "is not a known team");
        }
        caller.requireWriter();
        String ownerId = request.ownerId() == null ? caller.memberId() : request.ownerId();
        access.checkOwner(team.getId(), ownerId, em.find(Member.class, ownerId));
        Instant now = Instant.now(clock);
        String plaintext = mint.mint();
        ApiKey key = new ApiKey(Ids.next("key_", clock), team.getId(), ownerId, Input.text(request.name()),
                KeyMint.hash(plaintext), KeyMint.prefixOf(plaintext), KeyMint.last4Of(plaintext), now, caller.username());
        key.setGroup(Input.text(request.group()));
        key.setProject(Input.text(request.project()));
        key.setAllowedModels(settings.allowedModels(request.allowedModels(), this::inCatalogue));
        key.setIpWhitelist(settings.ipWhitelist(request.ipWhitelist()));
        key.setRpmLimit(rpmLimit(team, request.rpmLimit()));
        key.setDailyLimit(Input.money(request.dailyLimit()));
        key.setExpiresAt(settings.expiresAt(request.expiresAt()));
        em.persist(key);
        idempotency.remember(caller.memberId(), "create", idempotencyKey, request, key.getId());
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
        access.restrict(where, params);
        RotationPolicy policy = policy();
        filter.addTo(where, params, now, policy);
        return Listing.page(em, ApiKey.class, "k", where, params, KeyCriteria.orderBy(sort), page,
                k -> KeyView.from(k, now, policy));
    }

    public KeyView update(String id, @NotNull @Valid UpdateKeyRequest request) {
        ApiKey key = changeable(id);
        access.requireMembership(key.getTeamId());
        if (key.statusAt(Instant.now(clock)) == KeyStatus.DEACTIVATED) {
            throw new Conflict("key_deactivated", "a deactivated key cannot be changed");
        }
        KeyView before = view(key);
        Team team = em.find(Team.class, key.getTeamId());
        if (request.name() != null) {
            key.setName(Input.text(request.name().orElse(null)));
        }
        if (request.group() != null) {
            key.setGroup(Input.text(request.group().orElse(null)));
        }
        if (request.project() != null) {
            key.setProject(Input.text(request.project().orElse(null)));
        }
        if (request.allowedModels() != null) {
            key.setAllowedModels(settings.allowedModels(request.allowedModels().orElse(null), this::inCatalogue));
        }
        if (request.ipWhitelist() != null) {
            key.setIpWhitelist(settings.ipWhitelist(request.ipWhitelist().orElse(null)));
        }
        if (request.rpmLimit() != null) {
            key.setRpmLimit(rpmLimit(team, request.rpmLimit().orElse(null)));
        }
        if (request.dailyLimit() != null) {
            key.setDailyLimit(Input.money(request.dailyLimit().orElse(null)));
        }
        if (request.expiresAt() != null) {
            key.setExpiresAt(settings.expiresAt(request.expiresAt().orElse(null)));
        }
        em.flush();
        KeyView after = view(key);
        audit.record(caller.username(), caller.sourceIp(), "key.update", "key", id, before, after);
        changes.fire(new KeyChanged(key.getId(), key.getKeyHash()));
        return after;
    }

    public KeyView deactivate(String id, @NotNull @Valid DeactivateKeyRequest request) {
        ApiKey key = changeable(id);
        if (key.statusAt(Instant.now(clock)) == KeyStatus.DEACTIVATED) {
            throw new Conflict("key_already_deactivated", "the key is already deactivated");
        }
        return deactivate(key, caller.username(), caller.sourceIp(), Input.text(request.reason()));
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

    /**
     * Offboarding (every team: {@code teamId} null) or leaving one team: every live key the member
     * owns there, in the caller's transaction.
     */
    public List<String> deactivateAllOwnedBy(String memberId, String teamId, String reason) {
        return deactivateAllOwnedBy(memberId, teamId, caller.username(), caller.sourceIp(), reason);
    }

    /** The member's live keys (in {@code teamId}, or all when null) deactivated on behalf of {@code actor}. */
    public List<String> deactivateAllOwnedBy(String memberId, String teamId, String actor, String sourceIp, String reason) {
        List<ApiKey> live = em.createNamedQuery(ApiKey.LIVE_BY_OWNER, ApiKey.class)
                .setParameter("ownerId", memberId).getResultList();
        List<String> ids = new ArrayList<>();
        for (ApiKey key : live) {
            if (teamId != null && !teamId.equals(key.getTeamId())) {
                continue;
            }
            deactivate(key, actor, sourceIp, reason);
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
    public MintedKey rotate(String id, @Valid RotateKeyRequest request, String idempotencyKey) {
        Optional<MintedKey> replay = replay("rotate:" + id, idempotencyKey, request);
        if (replay.isPresent()) {
            return replay.get();
        }
        ApiKey old = changeable(id);
        access.requireMembership(old.getTeamId());
        Instant now = Instant.now(clock);
        if (old.statusAt(now) != KeyStatus.ACTIVE) {
            throw new Conflict("key_not_active", "only an active key can be rotated");
        }
        if (old.getRotatedTo() != null) {
            throw new Conflict("rotation_in_progress", "the key is already being rotated to " + old.getRotatedTo());
        }
        long grace = request == null || request.oldKeyExpiresIn() == null ? defaultGraceSeconds : request.oldKeyExpiresIn();
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
        idempotency.remember(caller.memberId(), "rotate:" + id, idempotencyKey, request, successor.getId());
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

    /** Deactivates keys whose rotation grace period has ended, and forgets old Idempotency-Keys; run by {@link RotationSweeper}. */
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
        idempotency.purge();
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

    /** The earlier result of a retried request, without its plaintext. */
    private Optional<MintedKey> replay(String operation, String idempotencyKey, Record request) {
        return idempotency.earlierResult(caller.memberId(), operation, idempotencyKey, request).map(keyId -> {
            ApiKey key = em.find(ApiKey.class, keyId);
            if (key == null) {
                throw new Conflict("idempotent_result_gone", "the key this Idempotency-Key created has since been deleted");
            }
            return new MintedKey(view(key), null, true);
        });
    }

    private ApiKey visible(String id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null || !access.maySee(key)) {
            throw new NotFound("key", id);
        }
        return key;
    }

    private ApiKey changeable(String id) {
        ApiKey key = visible(id);
        access.requireChange();
        return key;
    }

    private Integer rpmLimit(Team team, Integer rpm) {
        return settings.rpmLimit(rpm, team.getDefaultRpmLimit(), access.mayExceedTeamRpm(team.getId()));
    }

    private boolean inCatalogue(String modelId) {
        return em.find(Model.class, modelId) != null;
    }

    private RotationPolicy policy() {
        return new RotationPolicy(Duration.ofDays(rotationPeriodDays));
    }

    private KeyView view(ApiKey key) {
        return KeyView.from(key, Instant.now(clock), policy());
    }
}
