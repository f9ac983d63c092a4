package org.keygate.keys.entity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.keygate.platform.entity.StringListConverter;

/**
 * A {@code ck-} key as stored: its SHA-256 hash and display parts, never the plaintext. Rotation
 * links the old and new key; the old one stays usable until {@code rotationEndsAt}.
 */
@Entity
@Table(name = "api_key")
@NamedQuery(name = ApiKey.BY_HASH, query = "SELECT k FROM ApiKey k WHERE k.keyHash = :hash")
@NamedQuery(name = ApiKey.LIVE_BY_OWNER, query = "SELECT k FROM ApiKey k WHERE k.ownerId = :ownerId AND k.status = org.keygate.keys.entity.KeyStatus.ACTIVE")
@NamedQuery(name = ApiKey.ROTATION_ENDED, query = "SELECT k FROM ApiKey k WHERE k.status = org.keygate.keys.entity.KeyStatus.ACTIVE AND k.rotationEndsAt <= :now")
public class ApiKey {

    public static final String BY_HASH = "ApiKey.byHash";
    public static final String LIVE_BY_OWNER = "ApiKey.liveByOwner";
    public static final String ROTATION_ENDED = "ApiKey.rotationEnded";

    @Id
    private String id;
    @Column(name = "team_id")
    private String teamId;
    @Column(name = "owner_id")
    private String ownerId;
    private String name;
    @Column(name = "key_hash")
    private String keyHash;
    @Column(name = "key_prefix")
    private String keyPrefix;
    private String last4;
    @Column(name = "key_group")
    private String group;
    private String project;
    @Convert(converter = StringListConverter.class)
    @Column(name = "allowed_models")
    private List<String> allowedModels = List.of();
    @Convert(converter = StringListConverter.class)
    @Column(name = "ip_whitelist")
    private List<String> ipWhitelist = List.of();
    @Column(name = "rpm_limit")
    private Integer rpmLimit;
    @Column(name = "daily_limit")
    private BigDecimal dailyLimit;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Enumerated(EnumType.STRING)
    private KeyStatus status;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "last_used_at")
    private Instant lastUsedAt;
    @Column(name = "last_used_ip")
    private String lastUsedIp;
    @Column(name = "rotated_from")
    private String rotatedFrom;
    @Column(name = "rotated_to")
    private String rotatedTo;
    @Column(name = "rotation_ends_at")
    private Instant rotationEndsAt;
    @Column(name = "deactivated_at")
    private Instant deactivatedAt;
    @Column(name = "deactivated_by")
    private String deactivatedBy;
    @Column(name = "deactivation_reason")
    private String deactivationReason;
    @Version
    private long version;

    protected ApiKey() {
    }

    public ApiKey(String id, String teamId, String ownerId, String name, String keyHash, String keyPrefix,
            String last4, Instant createdAt, String createdBy) {
        this.id = id;
        this.teamId = teamId;
        this.ownerId = ownerId;
        this.name = name;
        this.keyHash = keyHash;
        this.keyPrefix = keyPrefix;
        this.last4 = last4;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.status = KeyStatus.ACTIVE;
    }

    /** The status a caller sees at {@code now}: stored deactivation first, then rotation end, then expiry. */
    public KeyStatus statusAt(Instant now) {
        if (status == KeyStatus.DEACTIVATED) {
            return KeyStatus.DEACTIVATED;
        }
        if (rotationEndsAt != null && !rotationEndsAt.isAfter(now)) {
            return KeyStatus.DEACTIVATED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return KeyStatus.EXPIRED;
        }
        return KeyStatus.ACTIVE;
    }

    public void deactivate(Instant at, String by, String reason) {
        this.status = KeyStatus.DEACTIVATED;
        this.deactivatedAt = at;
        this.deactivatedBy = by;
        this.deactivationReason = reason;
    }

    public String getId() {
        return id;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public String getLast4() {
        return last4;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getProject() {
        return project;
    }

    public void setProject(String project) {
        this.project = project;
    }

    public List<String> getAllowedModels() {
        return allowedModels;
    }

    public void setAllowedModels(List<String> allowedModels) {
        this.allowedModels = List.copyOf(allowedModels);
    }

    public List<String> getIpWhitelist() {
        return ipWhitelist;
    }

    public void setIpWhitelist(List<String> ipWhitelist) {
        this.ipWhitelist = List.copyOf(ipWhitelist);
    }

    public Integer getRpmLimit() {
        return rpmLimit;
    }

    public void setRpmLimit(Integer rpmLimit) {
        this.rpmLimit = rpmLimit;
    }

    public BigDecimal getDailyLimit() {
        return dailyLimit;
    }

    public void setDailyLimit(BigDecimal dailyLimit) {
        this.dailyLimit = dailyLimit;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public KeyStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public String getLastUsedIp() {
        return lastUsedIp;
    }

    public void markUsed(Instant at, String ip) {
        this.lastUsedAt = at;
        this.lastUsedIp = ip;
    }

    public String getRotatedFrom() {
        return rotatedFrom;
    }

    public void setRotatedFrom(String rotatedFrom) {
        this.rotatedFrom = rotatedFrom;
    }

    public String getRotatedTo() {
        return rotatedTo;
    }

    public Instant getRotationEndsAt() {
        return rotationEndsAt;
    }

    public void startRotation(String successorId, Instant endsAt) {
        this.rotatedTo = successorId;
        this.rotationEndsAt = endsAt;
    }

    public Instant getDeactivatedAt() {
        return deactivatedAt;
    }

    public String getDeactivatedBy() {
        return deactivatedBy;
    }

    public String getDeactivationReason() {
        return deactivationReason;
    }
}
