package org.keygate.gateway.boundary;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

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
        stats.dbQueries.increment();
        List<ApiKey> found = em.createNamedQuery(ApiKey.BY_HASH, ApiKey.class).setParameter("hash", hash).getResultList();
        if (found.isEmpty()) {
            return null;
        }
        ApiKey key = found.get(0);
        stats.dbQueries.increment();
        return new KeyRow(key, em.find(Team.class, key.getTeamId()));
    }

    public List<String> allHashes() {
        stats.dbQueries.increment();
        return em.createQuery("SELECT k.keyHash FROM ApiKey k", String.class).getResultList();
    }

    public long balanceMicros(String teamId) {
        stats.dbQueries.increment();
        return Price.micros(TeamBalances.of(em, teamId));
    }

    /** Calls, tokens and cost of a key since {@code dayStart}, from the records written so far. */
    public DayUsage usageSince(String keyId, Instant dayStart) {
        stats.dbQueries.increment();
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*), COALESCE(SUM(input_tokens + output_tokens), 0),"
                + " COALESCE(SUM(cost_usd), 0) FROM usage_record WHERE key_id = ?1 AND started_at >= ?2")
                .setParameter(1, keyId).setParameter(2, dayStart.atOffset(ZoneOffset.UTC)).getSingleResult();
        BigDecimal cost = row[2] instanceof BigDecimal b ? b : new BigDecimal(row[2].toString());
        return new DayUsage(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), Price.micros(cost.setScale(6)));
    }

    public List<Model> models() {
        stats.dbQueries.increment();
        return em.createQuery("SELECT m FROM Model m JOIN FETCH m.provider ORDER BY m.id", Model.class).getResultList();
    }

    /** A key with its team, as loaded for the cache. */
    public record KeyRow(ApiKey key, Team team) {
    }
}
