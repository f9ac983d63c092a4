package org.keygate.usage.control;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off between the threads that end calls and the journal's one writer thread. Adding is
 * an offer; when the writer has fallen so far behind that the queue is full (a stalled disk), the
 * caller waits for room at most {@code waitMillis} and is then refused with
 * {@link MeteringUnavailable} — a call is never answered unmetered, and no thread waits without a
 * bound.
 */
public final class UsageQueue {

    /** One event waiting for the journal, and what completes once it is on disk. */
    public record Entry(UsageEvent event, CompletableFuture<Void> durable) {
    }

    private final LinkedBlockingQueue<Entry> queue;
    private final long waitMillis;

    public UsageQueue(int capacity, long waitMillis) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.waitMillis = waitMillis;
    }

    /** Queues {@code entry}, waiting at most the configured time for room. */
    public void add(Entry entry) {
        if (queue.offer(entry)) {
            return;
        }
        try {
            if (!queue.offer(entry, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new MeteringUnavailable("the usage journal's queue stayed full for " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeteringUnavailable("interrupted while waiting for room in the usage journal's queue");
        }
    }

    /** The next entry, waiting up to {@code millis} for one; null if none came. */
    public Entry poll(long millis) throws InterruptedException {
        return queue.poll(millis, TimeUnit.MILLISECONDS);
    }

    public int drainTo(List<Entry> batch, int max) {
        return queue.drainTo(batch, max);
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
