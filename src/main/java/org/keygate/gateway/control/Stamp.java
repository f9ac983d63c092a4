package org.keygate.gateway.control;

/**
 * Which version of the shared state a key snapshot was built from: the key's hash and the
 * generations of the key and of its team as Redis counted them just before the snapshot was read
 * from the database. Null generations: a single node, where changes reach the cache directly.
 */
public record Stamp(String hash, String keyGeneration, String teamGeneration) {

    /** Never equal to a generation Redis hands out: the next shared check answers "stale". */
    public static final String UNKNOWN = "?";

    public static Stamp local(String hash) {
        return new Stamp(hash, null, null);
    }
}
