package org.keygate.platform.boundary;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one source of time. It ticks in microseconds, the precision of the database columns, so a
 * value reads back exactly as it was written. Tests give control classes a fixed clock instead.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    public Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
