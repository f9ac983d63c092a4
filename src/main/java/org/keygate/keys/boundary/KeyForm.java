package org.keygate.keys.boundary;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The settings inputs shared by the create dialog and the key page. Lists are edited one entry per
 * line; the expiry is a date (the key stops at 00:00 UTC that day).
 */
public class KeyForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String group;
    private String project;
    private String allowedModels;
    private String ipWhitelist;
    private Integer rpmLimit;
    private BigDecimal dailyLimit;
    private LocalDate expiresOn;

    static KeyForm of(KeyView key) {
        KeyForm f = new KeyForm();
        f.name = key.name();
        f.group = key.group();
        f.project = key.project();
        f.allowedModels = String.join("\n", key.allowedModels());
        f.ipWhitelist = String.join("\n", key.ipWhitelist());
        f.rpmLimit = key.rpmLimit();
        f.dailyLimit = key.dailyLimit() == null ? null : key.dailyLimit().stripTrailingZeros();
        f.expiresOn = key.expiresAt() == null ? null : LocalDate.ofInstant(key.expiresAt(), ZoneOffset.UTC);
        return f;
    }

    CreateKeyRequest toCreate(String teamId, String ownerId) {
        return new CreateKeyRequest(teamId, ownerId, name, group, project, lines(allowedModels), lines(ipWhitelist),
                rpmLimit, dailyLimit, expiresAt());
    }

    /** Every setting, as a PATCH that sets each one (an empty input clears it). */
    UpdateKeyRequest toUpdate() {
        return new UpdateKeyRequest(Optional.ofNullable(name), Optional.ofNullable(group),
                Optional.ofNullable(project), Optional.of(lines(allowedModels)), Optional.of(lines(ipWhitelist)),
                Optional.ofNullable(rpmLimit), Optional.ofNullable(dailyLimit), Optional.ofNullable(expiresAt()));
    }

    private Instant expiresAt() {
        return expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** One entry per line (commas also separate); blank lines dropped. */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
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

    public String getAllowedModels() {
        return allowedModels;
    }

    public void setAllowedModels(String allowedModels) {
        this.allowedModels = allowedModels;
    }

    public String getIpWhitelist() {
        return ipWhitelist;
    }

    public void setIpWhitelist(String ipWhitelist) {
        this.ipWhitelist = ipWhitelist;
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

    public LocalDate getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(LocalDate expiresOn) {
        this.expiresOn = expiresOn;
    }
}
