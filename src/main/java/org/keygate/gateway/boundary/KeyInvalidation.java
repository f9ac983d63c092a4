package org.keygate.gateway.boundary;

/**
 * How a committed change reaches every node's in-memory state: a key changed (its cached
 * snapshot must go), a team changed (its keys' snapshots and its balance), the catalogue changed
 * (the routing table). A seam: the local implementation applies the change to this JVM; a
 * multi-node deployment publishes it through a shared engine to every node.
 */
public interface KeyInvalidation {

    void keyChanged(String keyHash);

    void teamChanged(String teamId);

    void catalogChanged();
}
