package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Gives up on upstream answers that stop arriving, and knows every relayed call still open.
 * {@code HttpClient}'s request timeout ends when the response headers arrive; a body or SSE
 * stream that then goes silent would hold the client connection and the call's reservation
 * forever. Each relayed call is watched from its start; once its headers are in it is
 * {@linkplain Watched#arm armed}, every piece of the answer {@linkplain Watched#touch touches} it,
 * and {@link #sweep} (run every fraction of the limit by a scheduler) tells the owner of each armed
 * watch silent for longer than the limit that it stalled. {@link #open} lists the owners still
 * watched, for a shutdown that must end them.
 */
public final class IdleWatch {

    /** What a watched call does when its upstream has been silent past the limit. */
    public interface Owner {

        void stalled();
    }

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

    /** A new watch for {@code owner}, open but not yet armed. */
    public Watched watch(Owner owner) {
        Watched watched = new Watched(owner);
        open.add(watched);
        return watched;
    }

    /** Tells the owner of every armed watch silent for longer than the limit; answers how many. */
    public int sweep() {
        long now = nanoTime.getAsLong();
        int stalled = 0;
        for (Watched w : open) {
            if (w.armed && now - w.last > idleNanos && open.remove(w)) {
                w.owner.stalled();
                stalled++;
            }
        }
        return stalled;
    }

    /** The owners of every watch not yet closed. */
    public List<Owner> open() {
        List<Owner> owners = new ArrayList<>(open.size());
        for (Watched w : open) {
            owners.add(w.owner);
        }
        return owners;
    }

    /** Watches not yet closed (for tests and stats). */
    public int watching() {
        return open.size();
    }

    /** One call's silence clock. */
    public final class Watched {

        private final Owner owner;
        private volatile long last;
        private volatile boolean armed;

        Watched(Owner owner) {
            this.owner = owner;
        }

        /** From now on, silence counts (the headers are in). */
        public void arm() {
            last = nanoTime.getAsLong();
            armed = true;
        }

        /** Something arrived: the silence starts again. */
        public void touch() {
            last = nanoTime.getAsLong();
        }

        /** The call ended: no longer watched. */
        public void close() {
            open.remove(this);
        }
    }
}
