package org.keygate.gateway.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.keygate.gateway.control.KeyDirectory;
import org.keygate.gateway.control.Routes;

/**
 * Fills the gateway's memory before the web context opens: the known key hashes and the routing
 * table. After the bootstrap, so the demo catalogue is there on a first start.
 */
@Singleton
@Startup
@DependsOn({"Migrator", "Bootstrap", "UsageRecorder"})
public class GatewayStartup {

    @Inject
    KeyDirectory keys;

    @Inject
    Routes routes;

    @PostConstruct
    void start() {
        keys.loadKnownHashes();
        routes.all();
    }
}
