package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.keygate.catalog.entity.Model;
import org.keygate.gateway.boundary.GatewayConfig;
import org.keygate.gateway.boundary.GatewayStore;
import org.keygate.it.EmbeddedRedis;
import org.keygate.it.Eventually;
import org.keygate.keys.control.KeyMint;
import org.keygate.keys.entity.ApiKey;
import org.keygate.platform.control.Redis;
import org.keygate.platform.control.SharedStateUnavailable;
import org.keygate.team.entity.Billing;
import org.keygate.team.entity.Team;
import org.keygate.usage.boundary.UsageRecorder;

/**
 * Several gateway "nodes" — each its own {@link RedisGatewayState} on its own connection, and
 * where the test needs it its own {@link Gate} and {@link KeyDirectory} — sharing one real
 * redis-server, as several Keygate processes would. The database is the one thing stood in for
 * ({@link CountingStore}, shared by the nodes), because what is tested is Redis, and because it
 * counts every query.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisGatewayStateIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2); // generous: shared, busy machines
    private static EmbeddedRedis server;

    private final String prefix = "it-" + UUID.randomUUID() + ":";
    private final List<Redis> connections = new ArrayList<>();
    /**
     * The calls' time: the real time, since Redis expires the day's keys at absolute times
     * (PEXPIREAT, the day's end plus a grace day) by its own clock, so a fixed date would see them
     * vanish once it is two days old. Moved past midnight UTC when that is near, so a test's
     * "a minute later" stays in the same day.
     */
    private final long now = awayFromMidnight(System.currentTimeMillis());

    static long awayFromMidnight(long millis) {
        long day = 86_400_000L;
        return day - millis % day < 10 * 60_000L ? millis + 15 * 60_000L : millis;
    }

    @BeforeAll
    static void startRedis() {
        server = new EmbeddedRedis();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @AfterEach
    void closeConnections() {
        connections.forEach(Redis::close);
    }

    @Test
    void exactlyNOfNPlusKConcurrentAcquiresPassAcrossNodes() throws Exception {
        List<RedisGatewayState> nodes = List.of(node(), node(), node());
        int limit = 25;
        String keyId = "key_" + UUID.randomUUID();
        int passed = concurrently(75, i -> () -> nodes.get(i % 3).acquire(keyId, limit, now).allowed());
        assertEquals(limit, passed);
        RateDecision refused = nodes.get(1).acquire(keyId, limit, now + 59_999);
        assertFalse(refused.allowed(), "the window still holds them");
        assertEquals(1, refused.resetMillis(), "the oldest call leaves the window in 1 ms");
        assertTrue(nodes.get(2).acquire(keyId, limit, now + 60_000).allowed(), "a minute on, slots are free again");
        assertEquals(limit - 1, nodes.get(0).peek(keyId, limit, now + 60_000).remaining());
    }

    @Test
    void theDailyCapIsNeverOvershotAcrossNodes() throws Exception {
        List<RedisGatewayState> nodes = List.of(node(), node(), node());
        Budget budget = new Budget("key_" + UUID.randomUUID(), "team_" + UUID.randomUUID(), ZoneOffset.UTC, 1_000_000,
                false);
        nodes.get(0).openTeam(budget.teamId(), 0);
        nodes.get(1).openKey(budget, now, new DayUsage(0, 0, 0));
        long amount = 70_000;
        int passed = concurrently(60, i -> () -> {
            RedisGatewayState node = nodes.get(i % 3);
            Reservation r = node.reserve(budget, amount, now);
            if (r.ok()) {
                node.settle(r, amount, 10, now);
                return true;
            }
            assertEquals(Reservation.Outcome.DAILY_LIMIT, r.outcome());
            return false;
        });
        assertEquals(14, passed, "1,000,000 / 70,000 = 14 whole calls fit the cap");
        Eventually.await("all settlements applied").until(() -> nodes.get(2).today(budget, now).costMicros() == 14 * amount);
        assertTrue(nodes.get(2).today(budget, now).costMicros() <= budget.dailyLimitMicros());
        assertEquals(140, nodes.get(0).today(budget, now).tokens());
        assertEquals(Reservation.Outcome.DAILY_LIMIT, nodes.get(1).reserve(budget, 60_001, now).outcome());
        assertTrue(nodes.get(1).reserve(budget, 20_000, now).ok(), "what is left of the cap is still usable");
    }

    @Test
    void aPrepaidBalanceIsNeverOvershotAcrossNodes() throws Exception {
        List<RedisGatewayState> nodes = List.of(node(), node(), node());
        Budget budget = new Budget("key_" + UUID.randomUUID(), "team_" + UUID.randomUUID(), ZoneOffset.UTC, -1, true);
        nodes.get(0).openTeam(budget.teamId(), 500_000);
        nodes.get(0).openKey(budget, now, new DayUsage(0, 0, 0));
        int passed = concurrently(60, i -> () -> {
            RedisGatewayState node = nodes.get(i % 3);
            Reservation r = node.reserve(budget, 30_000, now);
            if (r.ok()) {
                node.settle(r, 30_000, 0, now);
                return true;
            }
            assertEquals(Reservation.Outcome.INSUFFICIENT_BALANCE, r.outcome());
            return false;
        });
        assertEquals(16, passed, "500,000 / 30,000 = 16 whole calls fit the balance");
        Eventually.await("all settlements applied").until(() -> nodes.get(1).balance(budget.teamId()) == 20_000);
        nodes.get(2).ledgerDebited(budget.teamId(), 480_000); // the usage writer wrote those costs to the ledger
        Eventually.await("the debit applied").until(() -> nodes.get(0).balance(budget.teamId()) == 20_000
                && nodes.get(0).reserve(budget, 20_001, now).outcome() == Reservation.Outcome.INSUFFICIENT_BALANCE);
    }

    @Test
    void aReservationHeldByADeadNodeEndsAtItsDeadline() {
        RedisGatewayState dying = node(1_000);
        RedisGatewayState survivor = node();
        Budget budget = new Budget("key_" + UUID.randomUUID(), "team_" + UUID.randomUUID(), ZoneOffset.UTC, 100_000, true);
        survivor.openTeam(budget.teamId(), 1_000_000);
        survivor.openKey(budget, now, new DayUsage(0, 0, 0));
        assertTrue(dying.reserve(budget, 100_000, now).ok()); // never settled nor released: the node died
        assertEquals(Reservation.Outcome.DAILY_LIMIT, survivor.reserve(budget, 1, now + 999).outcome());
        Reservation later = survivor.reserve(budget, 100_000, now + 1_001);
        assertTrue(later.ok(), "the dead node's hold expired at its deadline");
        survivor.release(later, now + 1_001);
        Eventually.await("release applied").until(() -> survivor.reserve(budget, 100_000, now + 1_002).ok());
    }

    @Test
    void aKeyChangeThroughNodeAIsSeenByNodeBsNextCheck() {
        CountingStore db = new CountingStore();
        Node a = new Node(db);
        Node b = new Node(db);
        String plaintext = db.addKey("team_" + UUID.randomUUID(), 1000);
        a.directory.loadKnownHashes();
        b.directory.loadKnownHashes();

        GatewayKey seenByB = b.gate.authenticate(plaintext, now);
        assertTrue(b.gate.admitRate(seenByB, "127.0.0.1", now).rate().allowed());
        GatewayKey cached = b.gate.authenticate(plaintext, now);
        assertEquals(seenByB, cached, "B serves the key from its cache");

        db.row(plaintext).deactivate(Instant.ofEpochMilli(now), "admin", "test"); // the admin's change commits
        a.invalidation().keyChanged(KeyHashes.sha256Hex(plaintext)); // ChangeListener's AFTER_SUCCESS on A

        GatewayKey stillCachedOnB = b.gate.authenticate(plaintext, now);
        GatewayException refused = assertThrows(GatewayException.class,
                () -> b.gate.admitRate(stillCachedOnB, "127.0.0.1", now));
        assertEquals(GatewayError.KEY_DEACTIVATED, refused.error());
    }

    @Test
    void aTeamChangeThroughNodeAReachesNodeBsLimitsAndBalance() {
        CountingStore db = new CountingStore();
        Node a = new Node(db);
        Node b = new Node(db);
        String team = "team_" + UUID.randomUUID();
        String plaintext = db.addKey(team, null);
        db.teams.get(team).setBilling(Billing.PREPAID);
        db.teams.get(team).setDefaultRpmLimit(2);
        db.balances.put(team, 0L);
        b.directory.loadKnownHashes();

        GatewayKey key = b.gate.authenticate(plaintext, now);
        assertEquals(2, key.rpmLimit());
        assertThrows(GatewayException.class, () -> b.gate.admitVerify(key, "127.0.0.1", null, now),
                "no balance yet");

        db.teams.get(team).setDefaultRpmLimit(50);
        db.balances.put(team, 5_000_000L); // a top-up commits
        a.invalidation().teamChanged(team);

        Gate.Admission admitted = b.gate.admitVerify(b.gate.authenticate(plaintext, now), "127.0.0.1", null, now);
        assertEquals(50, admitted.key().rpmLimit(), "B read the team's new default");
        assertEquals(5_000_000L, b.state.balance(team));
    }

    @Test
    void unknownKeysAreAnsweredWithoutTheDatabaseOnEveryNode() {
        CountingStore db = new CountingStore();
        Node a = new Node(db);
        Node b = new Node(db);
        db.addKey("team_" + UUID.randomUUID(), 1000);
        a.directory.loadKnownHashes();
        b.directory.loadKnownHashes();
        int queriesBefore = db.queries.get();
        KeyMint mint = new KeyMint();
        for (int i = 0; i < 500; i++) {
            Node node = i % 2 == 0 ? a : b;
            String random = mint.mint();
            GatewayException e = assertThrows(GatewayException.class, () -> node.gate.authenticate(random, now));
            assertEquals(GatewayError.INVALID_API_KEY, e.error());
        }
        assertEquals(queriesBefore, db.queries.get(), "a flood of well-formed random keys made no query");

        String created = db.addKey("team_" + UUID.randomUUID(), 1000); // created through A
        a.invalidation().keyChanged(KeyHashes.sha256Hex(created));
        assertNotNull(b.gate.authenticate(created, now), "B knows the key A created");
    }

    @Test
    void scriptsFlushedFromRedisAreSentAgain() {
        RedisGatewayState node = node();
        String keyId = "key_" + UUID.randomUUID();
        assertTrue(node.acquire(keyId, 2, now).allowed());
        io.lettuce.core.RedisClient admin = io.lettuce.core.RedisClient.create(server.url());
        try (var connection = admin.connect()) {
            assertEquals("OK", connection.sync().scriptFlush());
        } finally {
            admin.shutdown();
        }
        assertTrue(node.acquire(keyId, 2, now).allowed(), "NOSCRIPT: the script was sent again");
        assertFalse(node.acquire(keyId, 2, now).allowed(), "and counted both calls before");
    }

    @Test
    void redisDownFailsClosedAndRecoversByItself() {
        try (EmbeddedRedis own = new EmbeddedRedis()) {
            Redis redis = new Redis(own.url(), Duration.ofMillis(250), prefix);
            connections.add(redis);
            RedisGatewayState state = new RedisGatewayState(redis, 600_000);
            String keyId = "key_" + UUID.randomUUID();
            assertTrue(state.acquire(keyId, 10, now).allowed());

            own.stop();
            assertThrows(SharedStateUnavailable.class, () -> state.acquire(keyId, 10, now));
            assertThrows(SharedStateUnavailable.class, () -> state.contains("a".repeat(64)));

            own.start();
            Eventually.await("the connection came back").ignoreException(SharedStateUnavailable.class)
                    .until(() -> state.acquire(keyId, 10, now).allowed());
        }
    }

    @Test
    void throughTheGateRedisDownIsA503() {
        try (EmbeddedRedis own = new EmbeddedRedis()) {
            CountingStore db = new CountingStore();
            Node node = new Node(db, new Redis(own.url(), Duration.ofMillis(250), prefix));
            String plaintext = db.addKey("team_" + UUID.randomUUID(), 1000);
            node.directory.loadKnownHashes();
            GatewayKey key = node.gate.authenticate(plaintext, now);

            own.stop();
            GatewayException down = assertThrows(GatewayException.class, () -> node.gate.admitRate(key, "127.0.0.1", now));
            assertEquals(GatewayError.GATEWAY_STATE_UNAVAILABLE, down.error());
            assertEquals(503, down.error().status());
            GatewayException unknown = assertThrows(GatewayException.class,
                    () -> node.gate.authenticate(new KeyMint().mint(), now));
            assertEquals(GatewayError.GATEWAY_STATE_UNAVAILABLE, unknown.error(), "not 'invalid key': nobody knows");

            own.start();
            Eventually.await("the gate admits again").ignoreExceptions()
                    .until(() -> node.gate.admitRate(key, "127.0.0.1", now).rate().allowed());
        }
    }

    @Test
    void aRedisThatLostItsDataIsRefilledFromTheDatabase() {
        try (EmbeddedRedis own = new EmbeddedRedis()) {
            CountingStore db = new CountingStore();
            Node node = new Node(db, new Redis(own.url(), TIMEOUT, prefix));
            String plaintext = db.addKey("team_" + UUID.randomUUID(), 1000);
            node.directory.loadKnownHashes();
            Node other = new Node(db, new Redis(own.url(), TIMEOUT, prefix));
            GatewayKey key = other.gate.authenticate(plaintext, now);
            assertTrue(other.gate.admitRate(key, "127.0.0.1", now).rate().allowed());

            own.stop(); // no persistence: it comes back empty
            own.start();
            Eventually.await("Redis answers again").ignoreExceptions()
                    .until(() -> other.gate.admitRate(key, "127.0.0.1", now).rate().allowed());
            Node third = new Node(db, new Redis(own.url(), TIMEOUT, prefix));
            assertNotNull(third.gate.authenticate(plaintext, now), "refilled into the shared set");
        }
    }

    // ---- harness -------------------------------------------------------------------------------

    private RedisGatewayState node() {
        return node(600_000);
    }

    private RedisGatewayState node(long reservationTtl) {
        Redis redis = new Redis(server.url(), TIMEOUT, prefix);
        connections.add(redis);
        return new RedisGatewayState(redis, reservationTtl);
    }

    /** Runs {@code count} tasks at once on as many threads; answers how many returned true. */
    private static int concurrently(int count, IntFunction<java.util.concurrent.Callable<Boolean>> task)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                java.util.concurrent.Callable<Boolean> t = task.apply(i);
                results.add(pool.submit(() -> {
                    go.await();
                    return t.call();
                }));
            }
            go.countDown();
            int passed = 0;
            for (Future<Boolean> f : results) {
                if (f.get()) {
                    passed++;
                }
            }
            return passed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One Keygate process's gateway, wired as CDI would wire it in Redis mode. */
    private final class Node {

        final RedisGatewayState state;
        final KeyDirectory directory = new KeyDirectory();
        final Routes routes = new Routes();
        final Gate gate = new Gate();

        Node(CountingStore db) {
            this(db, new Redis(server.url(), TIMEOUT, prefix));
        }

        Node(CountingStore db, Redis redis) {
            connections.add(redis);
            state = new RedisGatewayState(redis, 600_000);
            GatewayStats stats = new GatewayStats();
            directory.store = db;
            directory.spend = state;
            directory.recorder = new UsageRecorder();
            directory.config = new GatewayConfig() {
                @Override
                public long keyCacheSize() {
                    return 1000;
                }

                @Override
                public int defaultRpmLimit() {
                    return 60;
                }
            };
            directory.stats = stats;
            org.keygate.platform.boundary.Metrics registry = new org.keygate.platform.boundary.Metrics();
            registry.init();
            GatewayMetrics metrics = new GatewayMetrics();
            metrics.metrics = registry;
            metrics.stats = stats;
            metrics.init();
            directory.metrics = metrics;
            directory.clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
            directory.known = state;
            directory.generations = state;
            directory.init();
            routes.store = db;
            routes.generations = state;
            gate.keys = directory;
            gate.routes = routes;
            gate.admission = state;
            gate.spend = state;
            gate.stats = stats;
        }

        /** What RedisKeyInvalidation does on this node after a change commits. */
        Invalidation invalidation() {
            return new Invalidation(this);
        }
    }

    private record Invalidation(Node node) {
        void keyChanged(String hash) {
            node.state.keyChanged(hash);
            node.directory.keyChanged(hash);
        }

        void teamChanged(String teamId) {
            node.state.teamChanged(teamId);
            node.directory.teamChanged(teamId);
        }
    }

    /** The database as the gateway reads it, in memory, counting every query. */
    static final class CountingStore extends GatewayStore {

        final AtomicInteger queries = new AtomicInteger();
        final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
        final Map<String, Team> teams = new ConcurrentHashMap<>();
        final Map<String, Long> balances = new ConcurrentHashMap<>();

        /** A new active key of {@code teamId} (created with the team if needed); its plaintext. */
        String addKey(String teamId, Integer rpm) {
            Team team = teams.computeIfAbsent(teamId, id -> {
                Team t = new Team(id, id, Instant.EPOCH);
                t.setBilling(Billing.POSTPAID);
                return t;
            });
            balances.putIfAbsent(teamId, 0L);
            String plaintext = new KeyMint().mint();
            ApiKey key = new ApiKey("key_" + UUID.randomUUID(), team.getId(), "owner", "k", KeyHashes.sha256Hex(plaintext),
                    KeyMint.prefixOf(plaintext), KeyMint.last4Of(plaintext), Instant.EPOCH, "owner");
            key.setAllowedModels(List.of("*"));
            key.setIpWhitelist(List.of());
            key.setRpmLimit(rpm);
            keys.put(key.getKeyHash(), key);
            return plaintext;
        }

        ApiKey row(String plaintext) {
            return keys.get(KeyHashes.sha256Hex(plaintext));
        }

        @Override
        public KeyRow key(String hash) {
            queries.incrementAndGet();
            ApiKey key = keys.get(hash);
            return key == null ? null : new KeyRow(key, teams.get(key.getTeamId()));
        }

        @Override
        public List<String> allHashes() {
            queries.incrementAndGet();
            return List.copyOf(keys.keySet());
        }

        @Override
        public long balanceMicros(String teamId) {
            queries.incrementAndGet();
            return balances.getOrDefault(teamId, 0L);
        }

        @Override
        public DayUsage usageSince(String keyId, Instant dayStart) {
            queries.incrementAndGet();
            return new DayUsage(0, 0, 0);
        }

        @Override
        public List<Model> models() {
            queries.incrementAndGet();
            return List.of();
        }
    }
}
