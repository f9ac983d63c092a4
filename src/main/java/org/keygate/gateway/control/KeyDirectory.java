package org.keygate.gateway.control;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.keygate.gateway.boundary.GatewayConfig;
import org.keygate.gateway.boundary.GatewayStore;
import org.keygate.keys.entity.ApiKey;
import org.keygate.keys.entity.KeyStatus;
import org.keygate.platform.control.IpRange;
import org.keygate.platform.control.SharedStateUnavailable;
import org.keygate.team.entity.Billing;
import org.keygate.team.entity.Team;
import org.keygate.usage.boundary.UsageRecorder;

/**
 * Finds a key by its hash with no SQL in the steady state. Two layers: the set of every stored
 * key hash (loaded at start, kept current by key changes) answers "unknown" for any hash not in
 * it — so a flood of well-formed random keys never reaches the database — and a Caffeine cache of
 * {@link GatewayKey} snapshots serves known ones; a hash the set knows but the database does not
 * is cached as missing. Entries are dropped on every key or team change, never by TTL.
 *
 * <p>Loading a key also opens its team's balance and its usage today in the {@link SpendGuard},
 * once per process, so limits start from what the database says.
 */
@ApplicationScoped
public class KeyDirectory {

    private static final Object MISSING = new Object();

    @Inject
    GatewayStore store;

    @Inject
    GatewayMetrics metrics;

    @Inject
    SpendGuard spend;

    @Inject
    UsageRecorder recorder;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayStats stats;

    @Inject
    Clock clock;

    @Inject
    KnownKeys known;

    @Inject
    Generations generations;

    private static final Logger LOG = Logger.getLogger(KeyDirectory.class.getName());

    private final AtomicBoolean filling = new AtomicBoolean();
    private final Set<String> staleTeams = ConcurrentHashMap.newKeySet();
    private Cache<String, Object> cache;

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder().maximumSize(config.keyCacheSize()).executor(Runnable::run).recordStats().build();
        metrics.monitorKeyCache(cache);
    }

    /**
     * Reads every stored hash; run once at start, before the first request. With several nodes
     * each adds them to the shared set (idempotent); if Redis is not reachable yet, the first
     * lookup after it is back finds the set unfilled and fills it.
     */
    public void loadKnownHashes() {
        try {
            known.addAll(store.allHashes());
        } catch (SharedStateUnavailable e) {
            LOG.log(Level.WARNING, "the key hashes could not be added to the shared set yet", e);
        }
    }

    private boolean isKnown(String hash) {
        try {
            return known.contains(hash);
        } catch (KnownKeys.NotFilled e) {
            if (!filling.compareAndSet(false, true)) {
                throw new SharedStateUnavailable("the shared set of key hashes is being filled", e);
            }
            try {
                LOG.warning("the shared set of key hashes was empty (Redis lost its data?): filling it again");
                known.addAll(store.allHashes());
            } finally {
                filling.set(false);
            }
            return known.contains(hash);
        }
    }

    /**
     * The key with this hash, or null if there is none. With several nodes a hash this node has not
     * seen is asked of the shared set (one round trip, no SQL); that may throw
     * {@link org.keygate.platform.control.SharedStateUnavailable}.
     */
    public GatewayKey find(String hash) {
        if (!isKnown(hash)) {
            stats.unknownKeys().increment();
            return null;
        }
        Object value = cache.getIfPresent(hash);
        if (value == null) {
            value = cache.get(hash, this::load);
        }
        if (value == MISSING) {
            stats.unknownKeys().increment();
            return null;
        }
        return (GatewayKey) value;
    }

    /**
     * After a key change committed: the snapshot is dropped and the hash becomes "maybe known".
     * A deleted key's hash stays in the set; its next lookup finds nothing and is cached as missing.
     * No database access here (see {@link GatewayStore}).
     */
    public void keyChanged(String hash) {
        known.add(hash);
        cache.invalidate(hash);
    }

    /**
     * The shared check said this snapshot is stale: read it again (its team's balance too, if the
     * team changed). Null when the key is gone.
     */
    public GatewayKey reload(GatewayKey key, boolean teamChanged) {
        if (teamChanged) {
            staleTeams.add(key.teamId());
        }
        cache.invalidate(key.stamp().hash());
        return find(key.stamp().hash());
    }

    /**
     * After a team change committed: its balance is marked for re-reading and its keys' snapshots
     * (limits, zone, billing) go, so the next call of any of its keys reloads both.
     */
    public void teamChanged(String teamId) {
        staleTeams.add(teamId);
        cache.asMap().values().removeIf(v -> v instanceof GatewayKey k && k.teamId().equals(teamId));
    }

    public int cachedEntries() {
        return (int) cache.estimatedSize();
    }

    public int knownHashes() {
        return known.size();
    }

    private Object load(String hash) {
        stats.keyLoads().increment();
        GatewayStore.KeyRow row = store.key(hash);
        if (row == null) {
            return MISSING;
        }
        Stamp stamp = generations.stamp(hash, row.team().getId());
        if (generations.shared()) {
            // read again after the generations: a change committed after this read bumps them later,
            // so the next shared check answers "stale" instead of this snapshot living on
            row = store.key(hash);
            if (row == null) {
                return MISSING;
            }
        }
        GatewayKey key = snapshot(row.key(), row.team(), stamp);
        String teamId = key.teamId();
        if (!spend.knowsTeam(teamId) || staleTeams.contains(teamId)) {
            // under the flush lock no usage batch commits between reading the ledger and using it;
            // the stale mark goes only after the reload, so no other loader proceeds on the old sum
            // the shared store's failure comes back as a value: thrown inside the EJB it would arrive wrapped
            SharedStateUnavailable failed = recorder.underFlushLock(() -> {
                boolean stale = staleTeams.contains(teamId);
                long balance = store.balanceMicros(teamId);
                try {
                    if (!spend.knowsTeam(teamId)) {
                        spend.openTeam(teamId, balance); // several nodes: only the first opener's value counts
                    }
                    if (stale) {
                        spend.ledgerReloaded(teamId, balance);
                    }
                } catch (SharedStateUnavailable e) {
                    return e;
                }
                staleTeams.remove(teamId);
                return null;
            });
            if (failed != null) {
                throw failed;
            }
        }
        if (!spend.knowsKey(key.id())) {
            long now = clock.millis();
            long start = Day.bounds(key.budget().zone(), now)[0];
            spend.openKey(key.budget(), now, store.usageSince(key.id(), Instant.ofEpochMilli(start)));
        }
        return key;
    }

    private GatewayKey snapshot(ApiKey k, Team team, Stamp stamp) {
        IpRange[] whitelist = k.getIpWhitelist().stream().map(IpRange::parse).toArray(IpRange[]::new);
        int rpm;
        String source;
        if (k.getRpmLimit() != null) {
            rpm = k.getRpmLimit();
            source = "key";
        } else if (team.getDefaultRpmLimit() != null) {
            rpm = team.getDefaultRpmLimit();
            source = "team";
        } else {
            rpm = config.defaultRpmLimit();
            source = "deployment";
        }
        boolean prepaid = team.getBilling() == Billing.PREPAID;
        Budget budget = new Budget(k.getId(), team.getId(), ZoneId.of(team.getTimeZone()),
                k.getDailyLimit() == null ? -1 : Price.micros(k.getDailyLimit().setScale(6)), prepaid);
        return new GatewayKey(k.getId(), k.getName(), team.getId(), k.getKeyPrefix(), k.getLast4(), k.getGroup(),
                k.getProject(), k.getStatus() == KeyStatus.DEACTIVATED, k.getRotationEndsAt(), k.getExpiresAt(),
                List.copyOf(k.getAllowedModels()), List.copyOf(k.getIpWhitelist()), whitelist, rpm, source,
                k.getDailyLimit() == null ? null : k.getDailyLimit().setScale(6), budget,
                prepaid ? "prepaid" : "postpaid", stamp);
    }
}
