package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {

    private final LocalRateLimiter limiter = new LocalRateLimiter();
    private final long t0 = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC).millis();

    @Test
    void exactlyLimitCallsPassInOneWindow() {
        for (int i = 0; i < 5; i++) {
            RateDecision d = limiter.acquire("k", 5, t0 + i);
            assertTrue(d.allowed());
            assertEquals(4 - i, d.remaining());
        }
        RateDecision refused = limiter.acquire("k", 5, t0 + 10);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        // the oldest call (t0) leaves the window at t0 + 60 s: 59.99 s from now
        assertEquals(60_000 - 10, refused.resetMillis());
        assertEquals(60, refused.resetSeconds());
    }

    @Test
    void windowIsRollingNotFixed() {
        limiter.acquire("k", 2, t0);
        limiter.acquire("k", 2, t0 + 30_000);
        assertFalse(limiter.acquire("k", 2, t0 + 59_999).allowed());
        assertTrue(limiter.acquire("k", 2, t0 + 60_000).allowed(), "the first call left the window");
        assertFalse(limiter.acquire("k", 2, t0 + 60_001).allowed(), "the second is still inside");
        assertTrue(limiter.acquire("k", 2, t0 + 90_000).allowed());
    }

    @Test
    void refusedCallsDoNotCount() {
        limiter.acquire("k", 1, t0);
        for (int i = 0; i < 100; i++) {
            assertFalse(limiter.acquire("k", 1, t0 + 1000 + i).allowed());
        }
        assertTrue(limiter.acquire("k", 1, t0 + 60_000).allowed());
    }

    @Test
    void keysAreIndependentAndPeekTakesNoSlot() {
        limiter.acquire("a", 1, t0);
        assertTrue(limiter.acquire("b", 1, t0).allowed());
        assertEquals(0, limiter.peek("a", 1, t0 + 1).remaining());
        assertEquals(3, limiter.peek("unused", 3, t0).remaining());
        assertEquals(3, limiter.peek("unused", 3, t0).remaining());
    }

    @Test
    void aRaisedLimitGrowsTheWindow() {
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.acquire("k", 20, t0 + i).allowed());
        }
        assertFalse(limiter.acquire("k", 20, t0 + 100).allowed());
        for (int i = 0; i < 30; i++) {
            assertTrue(limiter.acquire("k", 50, t0 + 200 + i).allowed());
        }
        assertFalse(limiter.acquire("k", 50, t0 + 300).allowed());
    }

    @Test
    void underConcurrencyExactlyLimitOfManyPass() throws Exception {
        int limit = 50;
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                start.await();
                int passed = 0;
                for (int i = 0; i < perThread; i++) {
                    if (limiter.acquire("hot", limit, t0 + i).allowed()) {
                        passed++;
                    }
                }
                return passed;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(limit, total);
    }
}
