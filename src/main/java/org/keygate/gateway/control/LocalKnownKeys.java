package org.keygate.gateway.control;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link KnownKeys} of one node: a concurrent set in this JVM. */
public final class LocalKnownKeys implements KnownKeys {

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @Override
    public boolean contains(String hash) {
        return known.contains(hash);
    }

    @Override
    public void add(String hash) {
        known.add(hash);
    }

    @Override
    public void addAll(Collection<String> hashes) {
        known.addAll(hashes);
    }

    @Override
    public int size() {
        return known.size();
    }
}
