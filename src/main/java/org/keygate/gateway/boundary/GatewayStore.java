package org.keygate.gateway.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.keygate.gateway.control.GatewayStats;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.keygate.catalog.entity.Model;
import org.keygate.gateway.control.DayUsage;
import org.keygate.gateway.control.Price;
import org.keygate.keys.entity.ApiKey;
import org.keygate.team.control.TeamBalances;
import org.keygate.team.entity.Team;

/**
 * Every database read the gateway makes, all of them off the steady-state path: a key on a cache
 * miss, the set of known key hashes at start, a team's ledger sum, a key's usage today when it is
 * first seen, the catalogue when it changes. Each query is counted, which is how the benchmark
 * proves that a flood of unknown keys causes none.
 *
 * <p>None of these is called from an after-commit observer: there the finished transaction may
 * still sit on the thread, and joining it (WildFly) or starting a new one (Payara) fails, so
 * observers only mark state stale and the next call reloads it.
 */
@Stateless
public class GatewayStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    GatewayStats stats;

    /** The key and its team, or null when no key has this hash. */
    public KeyRow key(String hash) {
        stats.dbQueries().increment();
        List<ApiKey> found = em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class).setParameter("hash", hash).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        ApiKey key = found.get(0);
        stats.dbQueries().increment();
        return new KeyRow(key, em.find(Team.class, key.getTeamId()));
    }

    public List<String> allHashes() {
        stats.dbQueries().increment();
        return em.createQuery("SELECT k.keyHash FROM ApiKey k", String.class).getResultList();
    }

    public long balanceMicros(String teamId) {
        stats.dbQueries().increment();
        return Price.micros(TeamBalances.of(em, teamId));
    }

    /**
     * Calls, tokens and cost of a key since {@code dayStart}, from what is written so far: whole
     * hours from the hourly roll-up (kept in the same transaction as the records, so the two always
     * agree), and raw records only for the part of an hour before the first whole one (time zones
     * with a half-hour offset). Bounded however busy the key is: at most a day of hourly rows.
     */
    public DayUsage usageSince(String keyId, Instant dayStart) {
        stats.dbQueries().increment();
        long second = dayStart.getEpochSecond() + (dayStart.getNano() > 0 ? 1 : 0);
        Instant firstWholeHour = Instant.ofEpochSecond(second + Math.floorMod(-second, 3600L));
        Object[] hours = (Object[]) em.createNativeQuery("SELECT COALESCE(SUM(requests), 0),"
                + " COALESCE(SUM(input_tokens + output_tokens), 0), COALESCE(SUM(cost_usd), 0)"
                + " FROM usage_hourly WHERE key_id = ?1 AND hour_start >= ?2")
                .setParameter(1, keyId).setParameter(2, firstWholeHour.atOffset(ZoneOffset.UTC)).getSingleResult();
        DayUsage total = dayUsage(hours);
        if (firstWholeHour.isAfter(dayStart)) {
            Object[] head = (Object[]) em.createNativeQuery("SELECT COUNT(*), COALESCE(SUM(input_tokens + output_tokens), 0),"
                    + " COALESCE(SUM(cost_usd), 0) FROM usage_record WHERE key_id = ?1 AND started_at >= ?2"
                    + " AND started_at < ?3")
                    .setParameter(1, keyId).setParameter(2, dayStart.atOffset(ZoneOffset.UTC))
                    .setParameter(3, firstWholeHour.atOffset(ZoneOffset.UTC)).getSingleResult();
            DayUsage part = dayUsage(head);
            total = new DayUsage(total.requests() + part.requests(), total.tokens() + part.tokens(),
                    total.costMicros() + part.costMicros());
        }
        return total;
    }

    private static DayUsage dayUsage(Object[] row) {
        BigDecimal cost = row[2] instanceof BigDecimal b ? b : new BigDecimal(row[2].toString());
        return new DayUsage(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), Price.micros(cost.setScale(6)));
    }

    public List<Model> models() {
        stats.dbQueries().increment();
        return em.createQuery("SELECT m FROM Model m JOIN FETCH m.provider ORDER BY m.id", Model.class).getResultList();
    }

    /** A key with its team, as loaded for the cache. */
    public record KeyRow(ApiKey key, Team team) {
    }
}
