package org.keygate.platform.boundary;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.keygate.platform.control.ClusterLock;
import org.keygate.platform.control.LocalClusterLock;
import org.keygate.platform.control.Redis;
import org.keygate.platform.control.RedisClusterLock;

/**
 * The switch between one node and several: {@code keygate.redis.url} empty (the default) keeps
 * every shared state in this JVM; set, this process connects to that Redis once, and the
 * producers of the seams (here the {@link ClusterLock}, the gateway's in its own package) hand out
 * the Redis implementations.
 */
@ApplicationScoped
public class RedisSetup {

    private static final Logger LOG = Logger.getLogger(RedisSetup.class.getName());

    @Inject
    @ConfigProperty(name = "keygate.redis.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "keygate.redis.timeout-ms", defaultValue = "250")
    long timeoutMs;

    @Inject
    @ConfigProperty(name = "keygate.redis.key-prefix", defaultValue = "keygate:")
    String prefix;

    @Inject
    Metrics metrics;

    private Redis redis;

    @PostConstruct
    void connect() {
        if (url.isPresent() && !url.get().isBlank()) {
            redis = new Redis(url.get().strip(), Duration.ofMillis(timeoutMs), prefix, metrics.registry());
            LOG.info(() -> "Shared state in Redis (" + redis.timeout().toMillis() + " ms command timeout, keys "
                    + prefix + "*)");
        }
    }

    /** The shared Redis, or null when this node runs alone. */
    public Redis redis() {
        return redis;
    }

    @Produces
    @ApplicationScoped
    ClusterLock clusterLock() {
        return redis == null ? new LocalClusterLock() : new RedisClusterLock(redis);
    }

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
