package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdsTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void prefixAndA26CharacterCrockfordUlid() {
        String id = Ids.next("key_", clockAt(1_700_000_000_000L));
        assertTrue(id.startsWith("key_"), id);
        String ulid = id.substring(4);
        assertEquals(26, ulid.length(), id);
        assertTrue(ulid.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0), id);
        assertTrue(ulid.charAt(0) <= '7', "48-bit time fits 10 characters: " + id);
    }

    @Test
    void timePartIsTheClockMillis() {
        // the example of the ULID specification: 1469918176385 -> 01ARYZ6S41
        assertTrue(Ids.next("t_", clockAt(1_469_918_176_385L)).startsWith("t_01ARYZ6S41"));
        assertEquals(0L, decodeTime(Ids.next("t_", clockAt(0))));
        assertEquals(1_700_000_000_123L, decodeTime(Ids.next("t_", clockAt(1_700_000_000_123L))));
        assertEquals((1L << 48) - 1, decodeTime(Ids.next("t_", clockAt((1L << 48) - 1))));
        assertTrue(Ids.next("t_", clockAt((1L << 48) - 1)).startsWith("t_7ZZZZZZZZZ"));
    }

    @Test
    void orderedByTimeAcrossMilliseconds() {
        List<Long> instants = List.of(0L, 1L, 31L, 32L, 1023L, 1024L, 1_469_918_176_385L, 1_700_000_000_000L,
                1_700_000_000_001L, 1_735_689_600_000L, (1L << 48) - 1);
        for (int round = 0; round < 50; round++) {
            List<String> ids = new ArrayList<>();
            for (long millis : instants) {
                ids.add(Ids.next("key_", clockAt(millis)));
            }
            for (int i = 1; i < ids.size(); i++) {
                assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " < " + ids.get(i));
            }
        }
    }

    @Test
    void idsInTheSameMillisecondDiffer() {
        Clock clock = clockAt(1_700_000_000_000L);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(Ids.next("mem_", clock)));
        }
    }

    @Test
    void randomPartUsesTheWholeAlphabet() {
        Clock clock = clockAt(1_700_000_000_000L);
        Set<Character> first = new HashSet<>();
        Set<Character> last = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String ulid = Ids.next("", clock);
            first.add(ulid.charAt(10));
            last.add(ulid.charAt(25));
        }
        assertEquals(32, first.size());
        assertEquals(32, last.size());
        assertNotEquals(Ids.next("", clock).substring(10), Ids.next("", clock).substring(10));
    }

    private static long decodeTime(String id) {
        String time = id.substring(id.length() - 26, id.length() - 16);
        long value = 0;
        for (char c : time.toCharArray()) {
            value = value * 32 + CROCKFORD.indexOf(c);
        }
        return value;
    }

    private static Clock clockAt(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
