package org.keygate.platform.control;

import java.time.Duration;

/** {@link ClusterLock} of a single node: nobody else competes, so every turn runs. */
public final class LocalClusterLock implements ClusterLock {

    @Override
    public boolean runExclusively(String name, Duration ttl, Runnable work) {
        work.run();
        return true;
    }
}
