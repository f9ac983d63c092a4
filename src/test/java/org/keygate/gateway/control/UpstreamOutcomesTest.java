package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class UpstreamOutcomesTest {

    private static final long T = Instant.parse("2026-12-04T10:15:30.123Z").toEpochMilli();

    private final UpstreamOutcomes outcomes = new UpstreamOutcomes();

    @Test
    void theLastCallOfEachProviderIsSeenWithItsStatusAndTime() {
        outcomes.ended("openai", 200, null, T);
        outcomes.ended("anthropic", 503, UpstreamFailure.ERROR_STATUS, T + 1);
        outcomes.ended("openai", 400, null, T + 2);
        var seen = outcomes.seen();
        assertEquals(List.of("anthropic", "openai"), new ArrayList<>(seen.keySet()));
        assertEquals(new UpstreamOutcomes.Seen(400, null, Instant.ofEpochMilli(T + 2), 2, 0), seen.get("openai"),
                "a client's own error passed on is an answer, not the upstream's failure");
        assertEquals(new UpstreamOutcomes.Seen(503, UpstreamFailure.ERROR_STATUS, Instant.ofEpochMilli(T + 1), 1, 1),
                seen.get("anthropic"));
    }

    @Test
    void aFailureBeforeTheStatusLineHasNoStatus() {
        outcomes.ended("p", 0, UpstreamFailure.CONNECT_FAILED, T);
        UpstreamOutcomes.Seen seen = outcomes.seen().get("p");
        assertEquals(0, seen.lastStatus());
        assertEquals(UpstreamFailure.CONNECT_FAILED, seen.lastFailure());
        assertEquals(1, seen.recentFailures());
    }

    @Test
    void aCallGivenUpBeforeTheUpstreamAnsweredSaysNothing() {
        outcomes.ended("p", 0, null, T);
        assertTrue(outcomes.seen().isEmpty());
        outcomes.ended("p", 200, null, T);
        outcomes.ended("p", 0, null, T + 5);
        assertEquals(new UpstreamOutcomes.Seen(200, null, Instant.ofEpochMilli(T), 1, 0), outcomes.seen().get("p"));
    }

    @Test
    void onlyTheLatestCallsAreLookedAt() {
        for (int i = 0; i < 5; i++) {
            outcomes.ended("p", 0, UpstreamFailure.TIMEOUT, T + i);
        }
        assertEquals(5, outcomes.seen().get("p").recentFailures());
        for (int i = 0; i < UpstreamOutcomes.RECENT - 2; i++) {
            outcomes.ended("p", 200, null, T + 10 + i);
        }
        UpstreamOutcomes.Seen seen = outcomes.seen().get("p");
        assertEquals(UpstreamOutcomes.RECENT, seen.recentCalls());
        assertEquals(2, seen.recentFailures(), "three of the five failures are older than the latest 20 calls");
        assertNull(seen.lastFailure());
    }

    @Test
    void everyFailureKindAndStatusSurvivesThePacking() {
        for (UpstreamFailure failure : UpstreamFailure.values()) {
            outcomes.ended("p", 599, failure, T);
            assertEquals(failure, outcomes.seen().get("p").lastFailure());
            assertEquals(599, outcomes.seen().get("p").lastStatus());
        }
        assertEquals(Instant.ofEpochMilli(T), outcomes.seen().get("p").lastAt());
        assertTrue(UpstreamFailure.values().length < 16, "a kind fits in four bits");
    }

    @Test
    void concurrentCallsAreAllCounted() throws InterruptedException {
        int threads = 8;
        int each = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<String> torn = new AtomicReference<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean failing = t % 2 == 0;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    outcomes.ended("p", failing ? 500 : 200, failing ? UpstreamFailure.ERROR_STATUS : null, T);
                    UpstreamOutcomes.Seen seen = outcomes.seen().get("p");
                    if (seen.recentFailures() > seen.recentCalls()) {
                        torn.compareAndSet(null, seen.toString());
                    }
                }
            });
            thread.start();
            running.add(thread);
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertNull(torn.get(), "never more failures than calls");
        UpstreamOutcomes.Seen seen = outcomes.seen().get("p");
        assertEquals(UpstreamOutcomes.RECENT, seen.recentCalls());
        assertTrue(seen.recentFailures() <= UpstreamOutcomes.RECENT);
        for (int i = 0; i < UpstreamOutcomes.RECENT; i++) {
            outcomes.ended("p", 200, null, T);
        }
        assertEquals(0, outcomes.seen().get("p").recentFailures(), "no bit lost or left behind by the races");
    }

    @Test
    void theJdkClientsConnectFailuresAreTold() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        assertEquals(UpstreamFailure.CONNECT_FAILED, UpstreamFailure.of(refused, false));
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertEquals(UpstreamFailure.UNKNOWN_HOST, UpstreamFailure.of(unresolved, false));
        assertEquals(UpstreamFailure.CONNECT_TIMEOUT, UpstreamFailure.of(new HttpConnectTimeoutException("x"), false));
        assertEquals(UpstreamFailure.TIMEOUT, UpstreamFailure.of(new HttpTimeoutException("x"), false));
        assertEquals(UpstreamFailure.UNREACHABLE, UpstreamFailure.of(new IOException("reset"), false));
        assertEquals(UpstreamFailure.BROKE_OFF, UpstreamFailure.of(new IOException("reset"), true),
                "after the status line, a lost connection broke the answer off");
    }
}
