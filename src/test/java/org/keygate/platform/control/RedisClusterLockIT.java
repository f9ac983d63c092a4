package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.keygate.it.EmbeddedRedis;

/** Two nodes, one real redis-server: the scheduled-work lock grants one holder at a time. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RedisClusterLockIT {

    private final EmbeddedRedis server = new EmbeddedRedis();
    private final String prefix = "it-" + UUID.randomUUID() + ":";
    private final Redis redisA = new Redis(server.url(), Duration.ofSeconds(2), prefix);
    private final Redis redisB = new Redis(server.url(), Duration.ofSeconds(2), prefix);
    private final ClusterLock a = new RedisClusterLock(redisA);
    private final ClusterLock b = new RedisClusterLock(redisB);

    @AfterEach
    void stop() {
        redisA.close();
        redisB.close();
        server.close();
    }

    @Test
    void whileNodeAHoldsTheLockNodeBSkipsItsTurn() {
        AtomicInteger ranOnB = new AtomicInteger();
        boolean ranOnA = a.runExclusively("sweep", Duration.ofMinutes(1), () ->
                assertFalse(b.runExclusively("sweep", Duration.ofMinutes(1), ranOnB::incrementAndGet)));
        assertTrue(ranOnA);
        assertEquals(0, ranOnB.get());
        assertTrue(b.runExclusively("sweep", Duration.ofMinutes(1), ranOnB::incrementAndGet), "A gave it back");
        assertEquals(1, ranOnB.get());
        assertTrue(a.runExclusively("other-work", Duration.ofMinutes(1), () -> { }), "locks are per name");
    }

    @Test
    void ofTwoNodesStartingTogetherExactlyOneRuns() throws Exception {
        for (int round = 0; round < 20; round++) {
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch bothTried = new CountDownLatch(2);
            AtomicInteger runs = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> turns = new ArrayList<>();
                for (ClusterLock node : List.of(a, b)) {
                    turns.add(pool.submit(() -> {
                        go.await();
                        return node.runExclusively("scan", Duration.ofMinutes(1), () -> {
                            runs.incrementAndGet();
                            bothTried.countDown();
                            await(bothTried); // hold the lock until the other node has tried
                        }) || countDown(bothTried);
                    }));
                }
                go.countDown();
                for (Future<Boolean> turn : turns) {
                    turn.get();
                }
                assertEquals(1, runs.get(), "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aCrashedHoldersLockExpiresAndRedisDownSkipsTheTurn() {
        Redis crashed = new Redis(server.url(), Duration.ofSeconds(2), prefix);
        // a node that took the lock and died before giving it back: its TTL is all that remains
        crashed.eval(new Redis.Script("dead_node", "redis.call('SET', KEYS[1], 'dead-node', 'PX', 200) return {1}"),
                new String[] {crashed.key("lock:webhooks")});
        crashed.close();
        assertFalse(a.runExclusively("webhooks", Duration.ofMinutes(1), () -> { }));
        org.keygate.it.Eventually.await("the dead holder's lock expired")
                .until(() -> a.runExclusively("webhooks", Duration.ofMinutes(1), () -> { }));

        server.stop();
        AtomicInteger ran = new AtomicInteger();
        assertFalse(a.runExclusively("webhooks", Duration.ofMinutes(1), ran::incrementAndGet));
        assertEquals(0, ran.get(), "no lock, no run");
    }

    private static boolean countDown(CountDownLatch latch) {
        latch.countDown();
        return false;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
