package org.keygate.usage.control;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The hand-off between request threads and the usage writer. Adding is a lock-free-ish offer;
 * when the writer falls so far behind that the queue is full, callers wait for room instead of
 * dropping records — metering is never silently lossy.
 */
public final class UsageQueue {

    private final LinkedBlockingQueue<UsageEvent> queue;

    public UsageQueue(int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    public void add(UsageEvent event) {
        if (!queue.offer(event)) {
            try {
                queue.put(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for room in the usage queue", e);
            }
        }
    }

    public int drainTo(List<UsageEvent> batch, int max) {
        return queue.drainTo(batch, max);
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
