package org.keygate.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every detector on generated histories: quiet on a steady key, exactly one finding per anomaly. */
class DetectorsTest {

    static final Instant NOW = Instant.parse("2026-11-25T14:20:00Z");
    final SpikeDetector spike = new SpikeDetector(4, 3.0, 3.0, 10_000, 1_000_000);

    /** Four weeks of hourly usage around {@code level} tokens with ±10 % noise, cost 1 µ$ per token. */
    static Map<Instant, HourBucket> steadyHistory(long level, long seed) {
        Random random = new Random(seed);
        Map<Instant, HourBucket> out = new HashMap<>();
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        for (int h = 1; h <= 28 * 24; h++) {
            Instant at = hour.minus(Duration.ofHours(h));
            long tokens = Math.round(level * (0.9 + 0.2 * random.nextDouble()));
            out.put(at, new HourBucket(at, tokens / 100, tokens, tokens));
        }
        return out;
    }

    static Map<Instant, HourBucket> withCurrentHour(Map<Instant, HourBucket> history, long tokens) {
        Map<Instant, HourBucket> out = new HashMap<>(history);
        Instant hour = NOW.truncatedTo(ChronoUnit.HOURS);
        out.put(hour, new HourBucket(hour, tokens / 100, tokens, tokens));
        return out;
    }

    @Test
    void steadyKeyRaisesNoSpike() {
        for (long seed = 0; seed < 50; seed++) {
            Map<Instant, HourBucket> history = steadyHistory(50_000, seed);
            assertEquals(Optional.empty(), spike.check("key_a", NOW, withCurrentHour(history, 55_000)), "seed " + seed);
        }
    }

    @Test
    void tenfoldHourRaisesOneSpikeWithItsNumbers() {
        Map<Instant, HourBucket> hourly = withCurrentHour(steadyHistory(50_000, 7), 500_000);
        Finding f = spike.check("key_a", NOW, hourly).orElseThrow();
        assertEquals(SpikeDetector.NAME, f.detector());
        assertEquals("key_a", f.keyId());
        assertEquals(500_000L, f.evidence().get("tokens"));
        assertTrue((double) f.evidence().get("tokens_ratio") > 9, f.evidence().toString());
        Finding again = spike.check("key_a", NOW.plusSeconds(600), hourly).orElseThrow();
        assertEquals(f.fingerprint(), again.fingerprint(), "a second run names the same anomaly, so it is raised once");
    }

    @Test
    void smallKeysStayUnderTheFloor() {
        Map<Instant, HourBucket> hourly = withCurrentHour(steadyHistory(100, 3), 5_000);
        assertEquals(Optional.empty(), spike.check("key_a", NOW, hourly), "50× of almost nothing is still below the floor");
    }

    @Test
    void keyWithoutHistorySpikesOnlyAboveTheFloor() {
        assertEquals(Optional.empty(), spike.check("key_new", NOW, withCurrentHour(Map.of(), 9_000)));
        assertTrue(spike.check("key_new", NOW, withCurrentHour(Map.of(), 20_000)).isPresent());
    }

    @Test
    void firstTimeModelRaisesOneFindingOnceTheKeyHasHistory() {
        UnexpectedModelDetector d = new UnexpectedModelDetector(Duration.ofDays(30), Duration.ofDays(1));
        Instant since = NOW.minus(Duration.ofHours(1));
        Instant firstUse = NOW.minus(Duration.ofDays(20));
        Map<String, Instant> before = Map.of("demo/echo", NOW.minus(Duration.ofHours(2)),
                "openai/gpt-4o", NOW.minus(Duration.ofDays(10)), "openai/gpt-3.5", NOW.minus(Duration.ofDays(45)));
        List<Finding> found = d.check("key_a", since, firstUse,
                Map.of("demo/echo", 40L, "openai/gpt-4o", 2L, "anthropic/claude-opus-4", 3L), before);
        assertEquals(1, found.size(), found.toString());
        assertEquals("anthropic/claude-opus-4", found.get(0).evidence().get("model"));
        assertEquals("unexpected_model:key_a:anthropic/claude-opus-4", found.get(0).fingerprint());

        assertEquals(1, d.check("key_a", since, firstUse, Map.of("openai/gpt-3.5", 1L), before).size(),
                "a model last used 45 days ago counts as unexpected again");
        assertEquals(List.of(), d.check("key_new", since, NOW.minus(Duration.ofHours(3)),
                Map.of("anthropic/claude-opus-4", 3L), Map.of()), "a key without a day of history has nothing to compare with");
    }

    @Test
    void callsOutsideWorkingHoursInTheTeamsZoneRaiseOne() {
        OffHoursDetector d = new OffHoursDetector(20);
        OffHoursDetector.WorkingTime berlin = new OffHoursDetector.WorkingTime(ZoneId.of("Europe/Berlin"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));
        Instant night = Instant.parse("2026-11-25T02:00:00Z"); // 03:00 in Berlin, a Wednesday
        Instant day = Instant.parse("2026-11-25T10:00:00Z");   // 11:00 in Berlin
        List<HourBucket> hours = List.of(new HourBucket(night, 30, 3000, 3000), new HourBucket(day, 500, 50_000, 50_000));
        Finding f = d.check("key_a", Instant.parse("2026-11-25T12:00:00Z"), berlin, hours).orElseThrow();
        assertEquals(30L, f.evidence().get("off_hours_calls"));
        assertEquals("off_hours:key_a:2026-11-25", f.fingerprint());
        assertEquals(Optional.empty(), d.check("key_a", Instant.parse("2026-11-25T12:00:00Z"), berlin,
                List.of(new HourBucket(day, 500, 50_000, 50_000))), "busy working hours are fine");
        assertEquals(Optional.empty(), d.check("key_a", Instant.parse("2026-11-25T12:00:00Z"), berlin,
                List.of(new HourBucket(night, 20, 2000, 2000))), "at the threshold is fine");
    }

    @Test
    void offHoursFollowDaylightSavingInTheTeamsZone() {
        OffHoursDetector.WorkingTime berlin = new OffHoursDetector.WorkingTime(ZoneId.of("Europe/Berlin"),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));
        // Friday before the change (CET, UTC+1): 07:30 UTC is 08:30 local, before work.
        assertTrue(berlin.isOffHours(Instant.parse("2026-03-27T07:30:00Z")));
        // Monday after the change (CEST, UTC+2): the same 07:30 UTC is 09:30 local, working time.
        assertEquals(false, berlin.isOffHours(Instant.parse("2026-03-30T07:30:00Z")));
        // Sunday is never a working day.
        assertTrue(berlin.isOffHours(Instant.parse("2026-03-29T10:00:00Z")));

        OffHoursDetector d = new OffHoursDetector(5);
        Instant mondayMorningUtc = Instant.parse("2026-03-30T07:00:00Z");
        assertEquals(Optional.empty(), d.check("key_a", Instant.parse("2026-03-30T12:00:00Z"), berlin,
                List.of(new HourBucket(mondayMorningUtc, 100, 1, 1))), "09:00 CEST is working time after the change");
        Instant fridayMorningUtc = Instant.parse("2026-03-27T07:00:00Z");
        assertTrue(d.check("key_a", Instant.parse("2026-03-27T12:00:00Z"), berlin,
                List.of(new HourBucket(fridayMorningUtc, 100, 1, 1))).isPresent(), "08:00 CET was before work");
    }

    @Test
    void newSubnetRaisesOneFindingAfterTheLearningPeriod() {
        NewIpDetector d = new NewIpDetector(24, 64, Duration.ofHours(24));
        Instant firstUse = NOW.minus(Duration.ofDays(5));
        Set<String> known = Set.of("10.1.2.0/24", "2001:db8:1:2::/64");
        Map<String, Instant> recent = Map.of("10.1.2.99", NOW, "2001:db8:1:2::77", NOW, "198.51.100.7", NOW,
                "198.51.100.8", NOW.plusSeconds(5));
        List<Finding> found = d.check("key_a", firstUse, recent, known);
        assertEquals(1, found.size(), found.toString());
        assertEquals("198.51.100.0/24", found.get(0).evidence().get("subnet"));
        assertEquals("new_ip:key_a:198.51.100.0/24", found.get(0).fingerprint());

        assertEquals("2001:db8:9:9::/64", d.subnetOf("2001:db8:9:9:abcd::1"));
        assertEquals(List.of(), d.check("key_young", NOW.minus(Duration.ofHours(2)), Map.of("203.0.113.5", NOW), Set.of()),
                "while the key is learning every subnet is new");
    }
}
