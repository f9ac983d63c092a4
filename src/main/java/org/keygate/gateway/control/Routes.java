package org.keygate.gateway.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.keygate.catalog.control.CredentialRefs;
import org.keygate.catalog.entity.Model;
import org.keygate.catalog.entity.ModelProvider;
import org.keygate.gateway.boundary.GatewayStore;

/**
 * The catalogue as the gateway routes it: an immutable map from model id to {@link Route},
 * swapped whole when the catalogue changes, so a call reads it without locks or SQL.
 */
@ApplicationScoped
public class Routes {

    @Inject
    GatewayStore store;

    @Inject
    Generations generations;

    private volatile Table table = new Table(Map.of(), List.of(), null);
    private final java.util.concurrent.atomic.AtomicLong wanted = new java.util.concurrent.atomic.AtomicLong(1);
    private volatile long loaded;

    /** After a catalogue change committed: the next call re-reads the catalogue (not here, see GatewayStore). */
    public void markStale() {
        wanted.incrementAndGet();
    }

    /** The table, re-read first if a change came after the last read; callers meanwhile wait for it. */
    private Table current() {
        if (loaded != wanted.get()) {
            synchronized (this) {
                long version = wanted.get();
                if (loaded != version) {
                    reload();
                    loaded = version;
                }
            }
        }
        return table;
    }

    private void reload() {
        String generation = generations.catalog(); // before the read, see KeyDirectory's load
        Map<String, Route> byId = new HashMap<>();
        List<Route> ordered = new ArrayList<>();
        for (Model m : store.models()) {
            ModelProvider p = m.getProvider();
            Route route = new Route(m.getId(), p.getId(), p.isDemo(), p.getBaseUrl(),
                    CredentialRefs.resolve(p.getCredentialRef()).orElse(null), m.getUpstreamModel(),
                    Price.of(m.getInputPrice(), m.getOutputPrice(), m.getCachedInputPrice()), m.getMaxOutputTokens(),
                    m.getCreatedAt().getEpochSecond(), p.getKind(), m.getImageTokens());
            byId.put(route.modelId(), route);
            ordered.add(route);
        }
        table = new Table(Map.copyOf(byId), Collections.unmodifiableList(ordered), generation);
    }

    public Route get(String modelId) {
        return current().byId.get(modelId);
    }

    /**
     * With several nodes: whether the shared catalogue generation has moved past this node's table
     * (which is then re-read on the next use). A model added on another node is known here only
     * through that counter, and a call naming it must not be answered {@code model_not_found}
     * from the old table before the shared check could tell; one shared read, on the not-found
     * path only. Always false on one node, where a change invalidates the table directly.
     *
     * @throws org.keygate.platform.control.SharedStateUnavailable when the shared state cannot be read
     */
    public boolean behindTheCluster() {
        if (!generations.shared()) {
            return false;
        }
        String shared = generations.catalog();
        if (java.util.Objects.equals(shared, current().generation)) {
            return false;
        }
        markStale();
        return true;
    }

    /** Every route, ordered by model id. */
    public List<Route> all() {
        return current().ordered;
    }

    /** The catalogue generation the table was read at (several nodes; null on one). */
    public String generation() {
        return current().generation;
    }

    private record Table(Map<String, Route> byId, List<Route> ordered, String generation) {
    }
}
