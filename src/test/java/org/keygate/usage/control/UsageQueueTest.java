package org.keygate.usage.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** The journal's queue never blocks a caller without bound: full, it waits the configured time and refuses. */
class UsageQueueTest {

    private static UsageQueue.Entry entry(String id) {
        return new UsageQueue.Entry(new UsageEvent(id, "key", "team", "demo/echo", "demo", 200, null, 1, 1, 0, 0, 0, 1,
                "127.0.0.1", 0), new CompletableFuture<>());
    }

    @Test
    void aFullQueueRefusesAfterTheBoundedWaitWithMeteringUnavailable() {
        UsageQueue queue = new UsageQueue(2, 50);
        queue.add(entry("a"));
        queue.add(entry("b"));
        MeteringUnavailable refused = assertThrows(MeteringUnavailable.class, () -> queue.add(entry("c")));
        assertEquals(503, refused.status());
        assertEquals("metering_unavailable", refused.code());
        assertTrue(refused.getMessage().contains("stayed full for 50 ms"), refused.getMessage());
        assertEquals(2, queue.size(), "the refused entry was not queued");
    }

    @Test
    void roomMadeDuringTheWaitLetsTheEntryIn() throws Exception {
        UsageQueue queue = new UsageQueue(1, 60_000);
        queue.add(entry("a"));
        Thread taker = new Thread(() -> {
            try {
                Thread.sleep(100);
                queue.poll(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        queue.add(entry("b")); // waits for the taker, not for the minute
        taker.join();
        List<UsageQueue.Entry> left = new ArrayList<>();
        queue.drainTo(left, 10);
        assertEquals("b", left.get(0).event().requestId());
    }

    @Test
    void anInterruptedWaitIsRefusedAndKeepsTheInterrupt() {
        UsageQueue queue = new UsageQueue(1, 60_000);
        queue.add(entry("a"));
        Thread.currentThread().interrupt();
        try {
            assertThrows(MeteringUnavailable.class, () -> queue.add(entry("b")));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }
}
