package org.keygate.monitoring.boundary;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.monitoring.control.HourBucket;
import org.keygate.monitoring.control.OffHoursDetector;
import org.keygate.team.entity.Team;
import org.keygate.platform.control.SqlValues;

/**
 * What the detectors read: small slices of the hourly roll-up and the per-key address list of one
 * key at a time — never the raw usage records.
 */
@Stateless
public class UsageHistory {

    @PersistenceContext
    EntityManager em;

    /** A key with usage since the given time, and its team's working time when the team has one. */
    public record ActiveKey(String keyId, Optional<OffHoursDetector.WorkingTime> workingTime) {
    }

    public record ModelUse(Instant firstUse, Map<String, Long> recent, Map<String, Instant> lastSeenBefore) {
    }

    public record IpUse(Instant firstUse, Map<String, Instant> recent, List<String> before) {
    }

    public List<ActiveKey> activeSince(Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT key_id, team_id FROM usage_hourly WHERE hour_start >= ?")
                .setParameter(1, hour(since)).getResultList();
        Map<String, Optional<OffHoursDetector.WorkingTime>> teams = new HashMap<>();
        List<ActiveKey> out = new ArrayList<>();
        for (Object[] r : rows) {
            String teamId = (String) r[1];
            out.add(new ActiveKey((String) r[0], teams.computeIfAbsent(teamId, this::workingTime)));
        }
        return out;
    }

    /** The current hour and the same hour in each of the previous weeks. */
    public Map<Instant, HourBucket> spikeHours(String keyId, Instant now, int weeks) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Map<Instant, HourBucket> out = new HashMap<>();
        for (int w = 0; w <= weeks; w++) {
            Instant at = hour.minus(Duration.ofDays(7L * w));
            hours(keyId, at, at.plus(Duration.ofHours(1))).forEach(b -> out.put(b.hourStart(), b));
        }
        return out;
    }

    /** Hourly totals of the key over the three days from {@code from}. */
    public List<HourBucket> hours(String keyId, Instant from) {
        return hours(keyId, from, from.plus(Duration.ofDays(3)));
    }

    private List<HourBucket> hours(String keyId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT hour_start, SUM(requests), SUM(input_tokens + output_tokens),"
                + " SUM(cost_usd) FROM usage_hourly WHERE key_id = ? AND hour_start >= ? AND hour_start < ?"
                + " GROUP BY hour_start").setParameter(1, keyId).setParameter(2, hour(from)).setParameter(3, hour(to))
                .getResultList();
        List<HourBucket> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new HourBucket(SqlValues.instant(r[0]), ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                    new BigDecimal(r[3].toString()).movePointRight(6).longValue()));
        }
        return out;
    }

    public ModelUse modelUse(String keyId, Instant since, Instant horizon) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT model, MIN(hour_start), MAX(hour_start), SUM(requests),"
                + " SUM(CASE WHEN hour_start >= ? THEN requests ELSE 0 END),"
                + " MAX(CASE WHEN hour_start < ? THEN hour_start END)"
                + " FROM usage_hourly WHERE key_id = ? AND hour_start >= ? AND model <> '-' GROUP BY model")
                .setParameter(1, hour(since)).setParameter(2, hour(since)).setParameter(3, keyId)
                .setParameter(4, hour(horizon)).getResultList();
        Instant firstUse = firstUse(keyId);
        Map<String, Long> recent = new LinkedHashMap<>();
        Map<String, Instant> before = new HashMap<>();
        for (Object[] r : rows) {
            long recentCalls = ((Number) r[4]).longValue();
            if (recentCalls > 0) {
                recent.put((String) r[0], recentCalls);
            }
            if (r[5] != null) {
                before.put((String) r[0], SqlValues.instant(r[5]));
            }
        }
        return new ModelUse(firstUse, recent, before);
    }

    public IpUse ipUse(String keyId, Instant since) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT client_ip, first_seen FROM usage_key_ip WHERE key_id = ?")
                .setParameter(1, keyId).getResultList();
        Instant first = null;
        Map<String, Instant> recent = new HashMap<>();
        List<String> before = new ArrayList<>();
        for (Object[] r : rows) {
            Instant seen = SqlValues.instant(r[1]);
            first = first == null || seen.isBefore(first) ? seen : first;
            if (seen.isBefore(since)) {
                before.add((String) r[0]);
            } else {
                recent.put((String) r[0], seen);
            }
        }
        return new IpUse(first, recent, before);
    }

    private Instant firstUse(String keyId) {
        Object first = em.createNativeQuery("SELECT MIN(usage_day) FROM usage_daily WHERE key_id = ?").setParameter(1, keyId)
                .getSingleResult();
        Object hourFirst = em.createNativeQuery("SELECT MIN(hour_start) FROM usage_hourly WHERE key_id = ?")
                .setParameter(1, keyId).getSingleResult();
        Instant day = first == null ? null : SqlValues.instant(first);
        Instant hour = hourFirst == null ? null : SqlValues.instant(hourFirst);
        if (day == null) {
            return hour;
        }
        return hour == null || day.isBefore(hour) ? day : hour;
    }

    private Optional<OffHoursDetector.WorkingTime> workingTime(String teamId) {
        Team team = em.find(Team.class, teamId);
        if (team == null) {
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : team.getWorkDays()) {
            for (DayOfWeek w : DayOfWeek.values()) {
                if (w.name().startsWith(d)) {
                    days.add(w);
                }
            }
        }
        return Optional.of(new OffHoursDetector.WorkingTime(ZoneId.of(team.getTimeZone()), days,
                LocalTime.parse(team.getWorkStart()), LocalTime.parse(team.getWorkEnd())));
    }

    private static OffsetDateTime hour(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
