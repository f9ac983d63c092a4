package org.keygate.gateway.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Gives up on upstream answers that stop arriving. {@code HttpClient}'s request timeout ends when
 * the response headers arrive; a body or SSE stream that then goes silent would hold the client,
 * a server thread and the call's reservation forever. Each relayed body is read through a
 * {@link Watched} stream that notes the time of every read; {@link #sweep} (run every fraction of
 * the limit by a scheduler) closes the ones silent for longer than the limit, and the blocked read
 * then fails with {@link Stalled} instead of looking like a normal end of the answer.
 */
public final class IdleWatch {

    private final long idleNanos;
    private final LongSupplier nanoTime;
    private final Set<Watched> open = ConcurrentHashMap.newKeySet();

    public IdleWatch(long idleMillis, LongSupplier nanoTime) {
        if (idleMillis <= 0) {
            throw new IllegalArgumentException("the idle limit must be positive: " + idleMillis);
        }
        this.idleNanos = idleMillis * 1_000_000L;
        this.nanoTime = nanoTime;
    }

    public long idleMillis() {
        return idleNanos / 1_000_000L;
    }

    /** {@code in}, watched from now until it is closed. */
    public Watched watch(InputStream in) {
        Watched watched = new Watched(in, nanoTime.getAsLong());
        open.add(watched);
        return watched;
    }

    /** Closes every watched stream silent for longer than the limit; answers how many. */
    public int sweep() {
        long now = nanoTime.getAsLong();
        int stalled = 0;
        for (Watched w : open) {
            if (now - w.lastRead > idleNanos && open.remove(w)) {
                w.stall();
                stalled++;
            }
        }
        return stalled;
    }

    /** Streams being watched (for tests and stats). */
    public int watching() {
        return open.size();
    }

    /** The read that was waiting when the upstream had been silent past the limit. */
    public static final class Stalled extends IOException {

        private static final long serialVersionUID = 1L;

        Stalled(long idleMillis) {
            super("the upstream sent nothing for " + idleMillis + " ms");
        }
    }

    /** An upstream body whose reads are timed; reading it after the sweep gave up fails with {@link Stalled}. */
    public final class Watched extends FilterInputStream {

        private volatile long lastRead;
        private volatile boolean stalled;

        Watched(InputStream in, long now) {
            super(in);
            this.lastRead = now;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw stalled ? new Stalled(idleMillis()) : e;
            }
            return afterRead(b);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw stalled ? new Stalled(idleMillis()) : e;
            }
            return afterRead(n);
        }

        private int afterRead(int result) throws IOException {
            if (stalled) {
                // closing the upstream body wakes the blocked read with an end of stream or an error
                throw new Stalled(idleMillis());
            }
            lastRead = nanoTime.getAsLong();
            return result;
        }

        public boolean stalled() {
            return stalled;
        }

        void stall() {
            stalled = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // closing is only the means to wake the reader
            }
        }

        @Override
        public void close() throws IOException {
            open.remove(this);
            super.close();
        }
    }
}
