package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class IdleWatchTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final IdleWatch watch = new IdleWatch(1500, nanos::get);

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    /** Like HttpClient's body stream: a read waits for data; close() wakes it with an end of stream. */
    static final class SilentUpstream extends InputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch reading = new CountDownLatch(1);

        @Override
        public int read() throws IOException {
            reading.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void aStreamThatKeepsSendingIsNeverGivenUp() throws IOException {
        try (IdleWatch.Watched in = watch.watch(new ByteArrayInputStream(new byte[] {1, 2, 3}))) {
            for (int i = 0; i < 3; i++) {
                advanceMillis(1000);
                assertEquals(0, watch.sweep());
                assertEquals(i + 1, in.read());
            }
            advanceMillis(1000);
            assertEquals(0, watch.sweep(), "1 s since the last read is within the 1.5 s limit");
            assertEquals(-1, in.read());
        }
        assertEquals(0, watch.watching(), "closing stops the watch");
    }

    @Test
    void aSilentStreamIsClosedAndItsWaitingReadFailsAsStalledNotAsAnEnd() throws Exception {
        SilentUpstream upstream = new SilentUpstream();
        IdleWatch.Watched in = watch.watch(upstream);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return in.read(new byte[16], 0, 16);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(upstream.reading.await(10, TimeUnit.SECONDS));
        advanceMillis(1500);
        assertEquals(0, watch.sweep(), "exactly the limit is not past it");
        assertFalse(in.stalled());
        advanceMillis(1);
        assertEquals(1, watch.sweep());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> read.get(10, TimeUnit.SECONDS));
        IdleWatch.Stalled stalled = assertInstanceOf(IdleWatch.Stalled.class, failed.getCause().getCause());
        assertEquals("the upstream sent nothing for 1500 ms", stalled.getMessage());
        assertTrue(in.stalled());
        assertEquals(0, watch.watching());
        assertEquals(0, watch.sweep(), "given up once");
        assertThrows(IdleWatch.Stalled.class, in::read, "and stays given up");
    }

    @Test
    void anErrorOfTheUpstreamItselfIsPassedOnAsItIs() {
        IOException broken = new IOException("connection reset");
        IdleWatch.Watched in = watch.watch(new InputStream() {
            @Override
            public int read() throws IOException {
                throw broken;
            }
        });
        assertEquals(broken, assertThrows(IOException.class, in::read));
        assertEquals(broken, assertThrows(IOException.class, () -> in.read(new byte[4])));
    }

    @Test
    void readsInBulkCountAsActivity() throws IOException {
        IdleWatch.Watched in = watch.watch(new ByteArrayInputStream(new byte[] {7, 8, 9, 10}));
        advanceMillis(1400);
        byte[] two = new byte[2];
        assertEquals(2, in.read(two, 0, 2));
        assertArrayEquals(new byte[] {7, 8}, two);
        advanceMillis(1400);
        assertEquals(0, watch.sweep());
        advanceMillis(200);
        assertEquals(1, watch.sweep());
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new IdleWatch(0, System::nanoTime));
    }
}
