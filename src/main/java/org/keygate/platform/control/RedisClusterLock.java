package org.keygate.platform.control;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link ClusterLock} in Redis: {@code SET lock token NX PX ttl} takes it, a compare-and-delete
 * script gives it back only if this node still holds it (after a pause longer than the TTL another
 * node may have taken it over). Redis unreachable: the turn is skipped.
 */
public final class RedisClusterLock implements ClusterLock {

    private static final Logger LOG = Logger.getLogger(RedisClusterLock.class.getName());
    private static final Redis.Script ACQUIRE = new Redis.Script("lock_acquire",
            "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1} end return {0}");
    private static final Redis.Script RELEASE = new Redis.Script("lock_release",
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return {redis.call('DEL', KEYS[1])} end return {0}");

    private final Redis redis;

    public RedisClusterLock(Redis redis) {
        this.redis = redis;
    }

    @Override
    public boolean runExclusively(String name, Duration ttl, Runnable work) {
        String[] keys = {redis.key("lock:" + name)};
        String token = UUID.randomUUID().toString();
        try {
            List<Object> taken = redis.eval(ACQUIRE, keys, token, Long.toString(Math.max(1, ttl.toMillis())));
            if (((Number) taken.get(0)).longValue() != 1) {
                return false;
            }
        } catch (SharedStateUnavailable e) {
            LOG.warning(() -> "lock " + name + " cannot be asked for (" + e.getMessage() + "); this turn is skipped");
            return false;
        }
        try {
            work.run();
        } finally {
            try {
                redis.eval(RELEASE, keys, token);
            } catch (SharedStateUnavailable e) {
                LOG.log(Level.WARNING, "lock " + name + " could not be given back; it expires after " + ttl, e);
            }
        }
        return true;
    }
}
