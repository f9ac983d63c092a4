package org.keygate.gateway.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LocalSpendGuardTest {

    private final LocalSpendGuard guard = new LocalSpendGuard();
    private final ZoneId berlin = ZoneId.of("Europe/Berlin");
    private final long noon = Instant.parse("2026-03-02T11:00:00Z").toEpochMilli(); // 12:00 in Berlin

    private Budget budget(long daily, boolean prepaid) {
        Budget b = new Budget("key", "team", berlin, daily, prepaid);
        guard.openTeam("team", 1_000_000); // $1
        guard.openKey(b, noon, DayUsage.NONE);
        return b;
    }

    @Test
    void reserveThenSettleChargesOnlyTheRealCost() {
        Budget b = budget(-1, true);
        Reservation r = guard.reserve(b, 400_000, noon);
        assertTrue(r.ok());
        guard.settle(r, 150_000, 1000, noon);
        guard.count(b, noon);
        assertEquals(850_000, guard.balance("team"));
        assertEquals(new DayUsage(1, 1000, 150_000), guard.today(b, noon));
        guard.settle(r, 150_000, 1000, noon); // a second end is ignored
        assertEquals(850_000, guard.balance("team"));
    }

    @Test
    void releaseGivesEverythingBack() {
        Budget b = budget(500_000, true);
        Reservation r = guard.reserve(b, 500_000, noon);
        assertTrue(r.ok());
        assertEquals(Reservation.Outcome.DAILY_LIMIT, guard.reserve(b, 1, noon).outcome());
        guard.release(r, noon);
        assertTrue(guard.reserve(b, 500_000, noon).ok());
    }

    @Test
    void dailyLimitIsCheckedBeforeBalanceAndSaysWhenItResets() {
        Budget b = budget(100_000, true);
        Reservation first = guard.reserve(b, 80_000, noon);
        guard.settle(first, 80_000, 10, noon);
        Reservation refused = guard.reserve(b, 30_000, noon);
        assertEquals(Reservation.Outcome.DAILY_LIMIT, refused.outcome());
        assertEquals(100_000, refused.limitMicros());
        assertEquals(20_000, refused.remainingMicros());
        assertEquals(12 * 3600_000L, refused.resetMillis(), "midnight in Berlin is 12 h away");
    }

    @Test
    void theCapResetsAtMidnightInTheTeamsTimeZone() {
        Budget b = budget(100_000, true);
        guard.settle(guard.reserve(b, 100_000, noon), 100_000, 1, noon);
        long justBeforeMidnight = Instant.parse("2026-03-02T22:59:59Z").toEpochMilli();
        long midnight = Instant.parse("2026-03-02T23:00:00Z").toEpochMilli();
        assertEquals(Reservation.Outcome.DAILY_LIMIT, guard.reserve(b, 1, justBeforeMidnight).outcome());
        assertTrue(guard.reserve(b, 100_000, midnight).ok());
        assertEquals(0, guard.today(b, midnight).costMicros());
    }

    @Test
    void prepaidBalanceRefusesWithWhatIsAvailable() {
        Budget b = budget(-1, true);
        assertTrue(guard.reserve(b, 700_000, noon).ok());
        Reservation refused = guard.reserve(b, 300_001, noon);
        assertEquals(Reservation.Outcome.INSUFFICIENT_BALANCE, refused.outcome());
        assertEquals(300_000, refused.remainingMicros());
        assertTrue(guard.reserve(b, 300_000, noon).ok());
    }

    @Test
    void aBalanceRefusalGivesTheDailyHoldBack() {
        Budget b = budget(2_000_000, true);
        assertEquals(Reservation.Outcome.INSUFFICIENT_BALANCE, guard.reserve(b, 1_500_000, noon).outcome());
        guard.ledgerReloaded("team", 5_000_000);
        assertTrue(guard.reserve(b, 2_000_000, noon).ok(), "the refused call left nothing held on the key's day");
    }

    @Test
    void postpaidTeamsMayGoNegative() {
        Budget b = budget(-1, false);
        Reservation r = guard.reserve(b, 5_000_000, noon);
        assertTrue(r.ok());
        guard.settle(r, 3_000_000, 1, noon);
        assertEquals(-2_000_000, guard.balance("team"));
    }

    @Test
    void aFlushedDebitMovesFromUnwrittenToTheLedgerWithoutChangingTheBalance() {
        Budget b = budget(-1, true);
        guard.settle(guard.reserve(b, 200_000, noon), 200_000, 1, noon);
        assertEquals(800_000, guard.balance("team"));
        guard.ledgerDebited("team", 200_000);
        assertEquals(800_000, guard.balance("team"));
        guard.ledgerReloaded("team", 800_000 + 1_000_000); // a $1 top-up committed after the usage entry
        assertEquals(1_800_000, guard.balance("team"));
    }

    @Test
    void openingAKeyStartsFromTodaysRecordedUsage() {
        Budget b = new Budget("k2", "team", berlin, 100_000, true);
        guard.openTeam("team", 1_000_000);
        guard.openKey(b, noon, new DayUsage(7, 700, 90_000));
        assertEquals(Reservation.Outcome.DAILY_LIMIT, guard.reserve(b, 10_001, noon).outcome());
        assertTrue(guard.reserve(b, 10_000, noon).ok());
    }

    @Test
    void parallelReservationsNeverOvershootTheCapOrTheBalance() throws Exception {
        Budget capped = budget(333_333, true);
        Budget second = new Budget("key2", "team", berlin, -1, true);
        guard.openKey(second, noon, DayUsage.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Budget b = t % 2 == 0 ? capped : second;
            results.add(pool.submit(() -> {
                start.await();
                long spent = 0;
                long ok = 0;
                for (int i = 0; i < 2000; i++) {
                    Reservation r = guard.reserve(b, 1_000, noon);
                    if (r.ok()) {
                        ok++;
                        long cost = i % 3 == 0 ? 1_000 : 700;
                        guard.settle(r, cost, 1, noon);
                        spent += cost;
                    }
                }
                return new long[] {spent, ok};
            }));
        }
        start.countDown();
        long cappedSpent = 0;
        long total = 0;
        for (int t = 0; t < 8; t++) {
            long[] r = results.get(t).get(60, TimeUnit.SECONDS);
            total += r[0];
            if (t % 2 == 0) {
                cappedSpent += r[0];
            }
        }
        pool.shutdown();
        assertTrue(cappedSpent <= 333_333, "key day overshot: " + cappedSpent);
        assertTrue(total <= 1_000_000, "balance overshot: " + total);
        assertEquals(1_000_000 - total, guard.balance("team"));
        assertEquals(cappedSpent, guard.today(capped, noon).costMicros());
    }
}
