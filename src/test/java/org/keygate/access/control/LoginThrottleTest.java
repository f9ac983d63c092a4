package org.keygate.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15), clock);

    @Test
    void theFirstFailuresAreFreeThenEachAttemptWaitsTwiceAsLong() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "10.0.0.1");
            assertEquals(Duration.ZERO, throttle.waitFor("admin", "10.0.0.1"), "failure " + (i + 1) + " is free");
        }
        throttle.failed("admin", "10.0.0.1");
        assertEquals(Duration.ofSeconds(1), throttle.waitFor("admin", "10.0.0.1"));
        clock.advance(Duration.ofMillis(400));
        assertEquals(Duration.ofMillis(600), throttle.waitFor("admin", "10.0.0.1"));
        clock.advance(Duration.ofMillis(600));
        assertEquals(Duration.ZERO, throttle.waitFor("admin", "10.0.0.1"));
        throttle.failed("admin", "10.0.0.1");
        assertEquals(Duration.ofSeconds(2), throttle.waitFor("admin", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(2));
        throttle.failed("admin", "10.0.0.1");
        assertEquals(Duration.ofSeconds(4), throttle.waitFor("admin", "10.0.0.1"));
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertEquals(Duration.ofMinutes(15), throttle.waitFor("admin", "10.0.0.1"));
        assertEquals(512_000, throttle.delayMillis(14));
        assertEquals(900_000, throttle.delayMillis(15), "1024 s is capped at 15 min");
        assertEquals(0, throttle.delayMillis(4));
    }

    @Test
    void aSuccessClearsTheCount() {
        for (int i = 0; i < 7; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        throttle.succeeded("admin", "10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitFor("admin", "10.0.0.1"));
        throttle.failed("admin", "10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitFor("admin", "10.0.0.1"), "counting starts again");
    }

    @Test
    void anotherAddressOrAnotherUserIsNotSlowedDown() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("admin", "203.0.113.9");
        }
        assertEquals(Duration.ZERO, throttle.waitFor("admin", "10.0.0.1"), "the real admin elsewhere still gets in");
        assertEquals(Duration.ZERO, throttle.waitFor("alice", "203.0.113.9"));
        assertEquals(Duration.ofSeconds(32), throttle.waitFor("admin", "203.0.113.9"));
    }

    @Test
    void settingsMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(1), clock));
        assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(5, Duration.ZERO, clock));
    }
}
