package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IdleWatchTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final IdleWatch watch = new IdleWatch(1500, nanos::get);

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    /** An owner that counts how often it was told it stalled. */
    static final class Counting implements IdleWatch.Owner {
        final AtomicInteger stalls = new AtomicInteger();

        @Override
        public void stalled() {
            stalls.incrementAndGet();
        }
    }

    @Test
    void anArmedWatchSilentPastTheLimitStallsOnceAndIsNoLongerOpen() {
        Counting owner = new Counting();
        IdleWatch.Watched w = watch.watch(owner);
        w.arm();
        advanceMillis(1500);
        assertEquals(0, watch.sweep(), "exactly the limit is not past it");
        advanceMillis(1);
        assertEquals(1, watch.sweep());
        assertEquals(1, owner.stalls.get());
        assertEquals(0, watch.sweep(), "told once");
        assertEquals(1, owner.stalls.get());
        assertEquals(0, watch.watching());
        assertTrue(watch.open().isEmpty());
    }

    @Test
    void everyTouchStartsTheSilenceAgain() {
        Counting owner = new Counting();
        IdleWatch.Watched w = watch.watch(owner);
        w.arm();
        for (int i = 0; i < 10; i++) {
            advanceMillis(1000);
            w.touch();
            assertEquals(0, watch.sweep());
        }
        advanceMillis(1501);
        assertEquals(1, watch.sweep());
        assertEquals(1, owner.stalls.get());
    }

    @Test
    void aWatchNotYetArmedNeverStallsButIsOpen() {
        Counting owner = new Counting();
        watch.watch(owner);
        advanceMillis(60_000);
        assertEquals(0, watch.sweep(), "before the headers the request timeout applies, not this one");
        assertEquals(java.util.List.of(owner), watch.open());
    }

    @Test
    void aClosedWatchIsForgotten() {
        Counting owner = new Counting();
        IdleWatch.Watched w = watch.watch(owner);
        w.arm();
        w.close();
        advanceMillis(5000);
        assertEquals(0, watch.sweep());
        assertEquals(0, owner.stalls.get());
        assertEquals(0, watch.watching());
    }

    @Test
    void aLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IdleWatch(0, System::nanoTime));
        assertEquals(1500, watch.idleMillis());
    }
}
