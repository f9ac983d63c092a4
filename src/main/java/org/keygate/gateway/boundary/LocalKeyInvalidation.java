package org.keygate.gateway.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.keygate.gateway.control.KeyDirectory;
import org.keygate.gateway.control.Routes;

/** {@link KeyInvalidation} for one node: applies each change here, synchronously. */
@ApplicationScoped
@Typed(LocalKeyInvalidation.class)
public class LocalKeyInvalidation implements KeyInvalidation {

    @Inject
    KeyDirectory keys;

    @Inject
    Routes routes;

    @Override
    public void keyChanged(String keyHash) {
        keys.keyChanged(keyHash);
    }

    @Override
    public void teamChanged(String teamId) {
        keys.teamChanged(teamId);
    }

    @Override
    public void catalogChanged() {
        routes.markStale();
    }
}
