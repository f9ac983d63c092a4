package org.keygate.keys.boundary;

import java.time.Duration;
import java.util.logging.Logger;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import org.keygate.platform.control.ClusterLock;

/**
 * Once a minute, deactivates old keys whose rotation grace period has ended. Until it runs the
 * key already reads as deactivated ({@code ApiKey.statusAt}), so this only makes it permanent.
 */
@Singleton
public class RotationSweeper {

    private static final Logger LOG = Logger.getLogger(RotationSweeper.class.getName());

    @Inject
    ApiKeys keys;

    @Inject
    ClusterLock cluster;

    /** On one node of several at a time. */
    @Schedule(hour = "*", minute = "*", persistent = false)
    void sweep() {
        cluster.runExclusively("rotation-sweep", Duration.ofMinutes(1), () -> {
            int ended = keys.endExpiredRotations();
            if (ended > 0) {
                LOG.info(() -> ended + " rotated key(s) reached the end of their grace period and were deactivated");
            }
        });
    }
}
