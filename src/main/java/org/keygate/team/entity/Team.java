package org.keygate.team.entity;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Version;

import org.keygate.platform.entity.StringListConverter;

/** A group of people sharing a USD balance, a default rate limit and working hours. */
@Entity
@NamedQuery(name = Team.BY_NAME, query = "SELECT t FROM Team t WHERE t.name = :name")
@NamedQuery(name = Team.BY_NAME_IGNORING_CASE, query = "SELECT t FROM Team t WHERE LOWER(t.name) = :name")
public class Team {

    public static final String BY_NAME = "Team.byName";
    /** {@code :name} in lower case. */
    public static final String BY_NAME_IGNORING_CASE = "Team.byNameIgnoringCase";

    @Id
    private String id;
    private String name;
    @Column(name = "default_rpm_limit")
    private Integer defaultRpmLimit;
    @Column(name = "time_zone")
    private String timeZone;
    @Convert(converter = StringListConverter.class)
    @Column(name = "work_days")
    private List<String> workDays;
    @Column(name = "work_start")
    private String workStart;
    @Column(name = "work_end")
    private String workEnd;
    @Enumerated(EnumType.STRING)
    private Billing billing;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Team() {
    }

    public Team(String id, String name, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.createdAt = createdAt;
        this.timeZone = "UTC";
        this.workDays = List.of("MON", "TUE", "WED", "THU", "FRI");
        this.workStart = "09:00";
        this.workEnd = "18:00";
        this.billing = Billing.PREPAID;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getDefaultRpmLimit() {
        return defaultRpmLimit;
    }

    public void setDefaultRpmLimit(Integer defaultRpmLimit) {
        this.defaultRpmLimit = defaultRpmLimit;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public List<String> getWorkDays() {
        return workDays;
    }

    public void setWorkDays(List<String> workDays) {
        this.workDays = workDays;
    }

    public String getWorkStart() {
        return workStart;
    }

    public void setWorkStart(String workStart) {
        this.workStart = workStart;
    }

    public String getWorkEnd() {
        return workEnd;
    }

    public void setWorkEnd(String workEnd) {
        this.workEnd = workEnd;
    }

    public Billing getBilling() {
        return billing;
    }

    public void setBilling(Billing billing) {
        this.billing = billing;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
