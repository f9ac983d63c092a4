package org.keygate.it;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Waiting for what the server does in the background — the usage writer's batches, the anomaly
 * scan, webhook deliveries, a login throttle's wait — with Awaitility: poll often, give up after
 * a generous bound (these machines are shared and slow at times), and name what was awaited when
 * it never came.
 */
public final class Eventually {

    private Eventually() {
    }

    /** Awaitility's {@code await(what)} with the suite's bounds: at most 60 s, every 100 ms. */
    public static ConditionFactory await(String what) {
        return Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }

    /** The probe's first non-null answer. */
    public static <T> T value(String what, Supplier<T> probe) {
        return await(what).until(probe::get, Objects::nonNull);
    }
}
