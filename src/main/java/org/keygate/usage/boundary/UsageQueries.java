package org.keygate.usage.boundary;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import org.keygate.access.boundary.Caller;
import org.keygate.platform.control.InvalidInput;
import org.keygate.platform.control.SqlValues;

/**
 * Usage aggregates over a time range from the hourly and daily roll-ups (never the raw records),
 * by key, model or team. What a caller sees follows the key rules: everything for ORG_ADMIN and
 * AUDITOR, their teams for a TEAM_ADMIN, their own keys for a MEMBER.
 */
@Stateless
public class UsageQueries {

    public static final int MAX_ROWS = 10_000;
    static final Duration MAX_HOURLY_RANGE = Duration.ofDays(93);
    static final Duration MAX_DAILY_RANGE = Duration.ofDays(3 * 366);

    @PersistenceContext
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** One row of an aggregate: the bucket, the group it belongs to, and the totals. */
    public record Bucket(Instant bucketStart, String keyId, String model, String teamId, long requests, long errors,
            long inputTokens, long outputTokens, long cachedTokens, BigDecimal costUsd) {
    }

    public List<Bucket> aggregate(String groupBy, String granularity, Instant from, Instant to, String teamId,
            String keyId) {
        if (from == null || to == null) {
            throw new InvalidInput(from == null ? "from" : "to", "is required");
        }
        if (!to.isAfter(from)) {
            throw new InvalidInput("to", "must be after from");
        }
        boolean hourly = switch (granularity == null ? "hour" : granularity) {
            case "hour" -> true;
            case "day" -> false;
            default -> throw new InvalidInput("granularity", "must be hour or day");
        };
        if (Duration.between(from, to).compareTo(hourly ? MAX_HOURLY_RANGE : MAX_DAILY_RANGE) > 0) {
            throw new InvalidInput("to", "the range is too long for granularity " + (hourly ? "hour" : "day"));
        }
        String group = switch (groupBy == null ? "key" : groupBy) {
            case "key" -> "key_id";
            case "model" -> "model";
            case "team" -> "team_id";
            default -> throw new InvalidInput("group_by", "must be key, model or team");
        };
        String table = hourly ? "usage_hourly" : "usage_daily";
        String time = hourly ? "hour_start" : "usage_day";
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add(time + " >= ? AND " + time + " < ?");
        if (hourly) {
            params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            params.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        } else {
            params.add(LocalDate.ofInstant(from, ZoneOffset.UTC));
            params.add(LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC).plusDays(1));
        }
        if (teamId != null) {
            where.add("team_id = ?");
            params.add(teamId);
        }
        if (keyId != null) {
            where.add("key_id = ?");
            params.add(keyId);
        }
        scope(where, params);
        String sql = "SELECT " + time + ", " + group + ", SUM(requests), SUM(errors), SUM(input_tokens),"
                + " SUM(output_tokens), SUM(cached_tokens), SUM(cost_usd) FROM " + table
                + " WHERE " + String.join(" AND ", where) + " GROUP BY " + time + ", " + group
                + " ORDER BY " + time + ", " + group;
        Query query = bind(em.createNativeQuery(sql), params);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setMaxResults(MAX_ROWS + 1).getResultList();
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInput("to", "more than " + MAX_ROWS + " rows: narrow the range or filter by team or key");
        }
        List<Bucket> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Instant start = SqlValues.instant(r[0]);
            String value = (String) r[1];
            out.add(new Bucket(start, group.equals("key_id") ? value : null, group.equals("model") ? value : null,
                    group.equals("team_id") ? value : null, number(r[2]), number(r[3]), number(r[4]), number(r[5]),
                    number(r[6]), decimal(r[7])));
        }
        return out;
    }

    /** A key's roll-up over a recent window: {@code [start, end)} in whole hours or UTC days. */
    public record Series(Instant start, Instant end, boolean hourly, List<Bucket> buckets) {
    }

    /**
     * The key's calls and spend in the last {@code count} hours (up to the end of this hour) or UTC
     * days (up to the end of today), for the key page's chart; buckets without calls are absent.
     */
    public Series recent(String keyId, boolean hourly, int count) {
        Instant now = Instant.now(clock);
        Instant end = hourly ? now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS)
                : LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant start = end.minus(count, hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        return new Series(start, end, hourly, aggregate("key", hourly ? "hour" : "day", start, end, null, keyId));
    }

    /** What the caller may see, as a condition on a roll-up row: the key rules of {@code ApiKeys}. */
    private void scope(List<String> where, List<Object> params) {
        if (caller.readsEverything()) {
            return;
        }
        String own = "key_id IN (SELECT id FROM api_key WHERE owner_id = ?)";
        Set<String> teams = caller.adminTeamIds();
        if (teams.isEmpty()) {
            where.add(own);
        } else {
            where.add("(team_id IN (" + String.join(", ", Collections.nCopies(teams.size(), "?")) + ") OR " + own + ")");
            params.addAll(teams);
        }
        params.add(caller.memberId());
    }

    /** Calls and spend today over the keys the caller may see, and the keys that spent most. */
    public record Today(long calls, long errors, BigDecimal spend, List<TopKey> topKeys) {
    }

    /** A key's calls and spend today; {@code name} is null for a key deleted since. */
    public record TopKey(String keyId, String name, String teamId, long calls, BigDecimal spend) {
    }

    /**
     * Today's totals from the hourly roll-ups. "Today" is each team's own calendar day in its time
     * zone, as for the daily cap: from the hour that holds the team's local midnight until now. (The
     * daily roll-up is kept per UTC day, so it cannot answer this for other zones.) In a zone whose
     * offset is not whole hours, the hour holding midnight is counted whole, so up to 45 minutes of
     * the evening before are included.
     */
    public Today today(int top) {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Object> zones = em.createNativeQuery("SELECT DISTINCT time_zone FROM team").getResultList();
        List<String> perZone = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        Instant earliest = now;
        for (Object zone : zones) {
            ZoneId id = zone(zone.toString());
            Instant midnight = LocalDate.ofInstant(now, id).atStartOfDay(id).toInstant();
            Instant hour = midnight.minusSeconds(Math.floorMod(midnight.getEpochSecond(), 3600L));
            earliest = hour.isBefore(earliest) ? hour : earliest;
            perZone.add("(team_id IN (SELECT id FROM team WHERE time_zone = ?) AND hour_start >= ?)");
            params.add(zone.toString());
            params.add(OffsetDateTime.ofInstant(hour, ZoneOffset.UTC));
        }
        if (perZone.isEmpty()) {
            return new Today(0, 0, decimal(null), List.of());
        }
        List<String> where = new ArrayList<>();
        where.add("hour_start >= ?");
        params.add(0, OffsetDateTime.ofInstant(earliest, ZoneOffset.UTC));
        where.add("(" + String.join(" OR ", perZone) + ")");
        scope(where, params);
        String rows = "SELECT key_id, MIN(team_id) team_id, SUM(requests) calls, SUM(errors) errs, SUM(cost_usd) spend"
                + " FROM usage_hourly WHERE " + String.join(" AND ", where) + " GROUP BY key_id";
        Object[] totals = (Object[]) bind(em.createNativeQuery("SELECT SUM(calls), SUM(errs), SUM(spend) FROM (" + rows
                + ") t"), params).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> best = bind(em.createNativeQuery("SELECT t.key_id, k.name, t.team_id, t.calls, t.spend FROM ("
                + rows + ") t LEFT JOIN api_key k ON k.id = t.key_id ORDER BY t.spend DESC, t.calls DESC, t.key_id"),
                params).setMaxResults(top).getResultList();
        return new Today(number(totals[0]), number(totals[1]), decimal(totals[2]), best.stream()
                .map(r -> new TopKey((String) r[0], (String) r[1], (String) r[2], number(r[3]), decimal(r[4]))).toList());
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private static long number(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static BigDecimal decimal(Object v) {
        return v == null ? BigDecimal.ZERO.setScale(6) : new BigDecimal(v.toString()).setScale(6);
    }
}
