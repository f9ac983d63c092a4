package org.keygate.platform.control;

import java.time.Duration;

/**
 * Scheduled work that must run on one node at a time (anomaly scan, rotation sweep, webhook
 * deliveries). A seam: a single node always holds the lock; several nodes share a Redis lock
 * that expires on its own if its holder dies.
 */
public interface ClusterLock {

    /**
     * Runs {@code work} if this node gets the named lock, and gives the lock back afterwards.
     * Answers false, without running it, when another node holds the lock or the lock cannot be
     * asked for. {@code ttl} bounds how long a crashed holder blocks the others.
     */
    boolean runExclusively(String name, Duration ttl, Runnable work);
}
