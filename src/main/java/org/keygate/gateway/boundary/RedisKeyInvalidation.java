package org.keygate.gateway.boundary;

import org.keygate.gateway.control.RedisGatewayState;

/**
 * {@link KeyInvalidation} for several nodes: the change's generation moves on in Redis (so every
 * node's next check of an affected key answers "stale" and reloads it), then this node's own
 * memory is updated at once, as on a single node. Both before the admin's call returns.
 */
final class RedisKeyInvalidation implements KeyInvalidation {

    private final RedisGatewayState shared;
    private final KeyInvalidation local;

    RedisKeyInvalidation(RedisGatewayState shared, KeyInvalidation local) {
        this.shared = shared;
        this.local = local;
    }

    @Override
    public void keyChanged(String keyHash) {
        shared.keyChanged(keyHash);
        local.keyChanged(keyHash);
    }

    @Override
    public void teamChanged(String teamId) {
        shared.teamChanged(teamId);
        local.teamChanged(teamId);
    }

    @Override
    public void catalogChanged() {
        shared.catalogChanged();
        local.catalogChanged();
    }
}
