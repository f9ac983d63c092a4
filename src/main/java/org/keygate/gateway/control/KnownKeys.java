package org.keygate.gateway.control;

import java.util.Collection;

/**
 * The set of every stored key hash, which answers "unknown" for a hash no key has without asking
 * the database. A seam: one node keeps it in memory; several nodes keep it in Redis, filled from
 * the database by every node at start (idempotent) and added to on every key change.
 */
public interface KnownKeys {

    /**
     * When the set is shared: may throw {@link org.keygate.platform.control.SharedStateUnavailable},
     * or {@link NotFilled} when the shared set has not been filled from the database (Redis lost
     * its data): the caller fills it ({@link #addAll}) and asks again.
     */
    boolean contains(String hash);

    void add(String hash);

    void addAll(Collection<String> hashes);

    int size();

    /** The shared set is empty because nobody filled it since Redis started. */
    final class NotFilled extends RuntimeException {

        public NotFilled() {
            super("the shared set of key hashes is not filled", null, false, false);
        }
    }
}
