package org.keygate.platform.boundary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one source of time: UTC in whole microseconds, the precision of the database columns, so a
 * value reads back exactly as it was written. Tests give control classes a fixed clock instead.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Clock MICROS = new MicrosClock();

    @Produces
    public Clock clock() {
        return MICROS;
    }

    /** {@code Clock.tick(…, 1µs)} would do, but Java 17's TickClock divides by zero in {@code millis()}. */
    static final class MicrosClock extends Clock {

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.system(zone);
        }

        @Override
        public Instant instant() {
            return Instant.now().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return System.currentTimeMillis();
        }
    }
}
