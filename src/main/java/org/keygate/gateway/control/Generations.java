package org.keygate.gateway.control;

/**
 * Change counters the nodes share, so a node can tell whether its cached key snapshot or routing
 * table still matches the database. Every committed key, team or catalogue change increments its
 * counter before the admin's call returns; each shared check carries the counters the node's
 * snapshot was built from and is answered "stale" when they differ. On one node the cache is
 * invalidated directly and there is nothing to count ({@link #LOCAL}).
 */
public interface Generations {

    Generations LOCAL = new Generations() {
        @Override
        public Stamp stamp(String hash, String teamId) {
            return Stamp.local(hash);
        }

        @Override
        public String catalog() {
            return null;
        }
    };

    /** The current generations of a key and its team; read before the snapshot is read. */
    Stamp stamp(String hash, String teamId);

    /** The current generation of the catalogue; read before the routing table is read. */
    String catalog();

    default boolean shared() {
        return this != LOCAL;
    }
}
