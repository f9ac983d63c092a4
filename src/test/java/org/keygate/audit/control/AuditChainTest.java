package org.keygate.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456Z");
    private static final String PREV = AuditChain.GENESIS;

    @Test
    void genesisIs64Zeros() {
        assertEquals("0".repeat(64), AuditChain.GENESIS);
    }

    @Test
    void isDeterministicAndMatchesTheDocumentedSerialisation() {
        String hash = base();
        assertEquals(hash, base());
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        // SHA-256 of 64:<prev>|1:1|27:2025-01-02T03:04:05.123456Z|5:admin|10:key.create|7:api_key|
        // 30:key_01ARZ3NDEKTSV4RRFFQ69G5FAV|-1:|13:{"name":"ci"}|9:127.0.0.1| computed outside Java;
        // a change here breaks verification of every chain already stored
        assertEquals("356f23e10a3e4ceafeaf29842574d952ee1139c4f20a02c1ed05c13395027fa5", hash);
    }

    @Test
    void everyFieldChangesTheHash() {
        Set<String> hashes = new HashSet<>();
        hashes.add(base());
        hashes.add(AuditChain.hash("1".repeat(64), 1, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 2, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT.plusNanos(1_000), "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin2", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin", "key.update", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin", "key.create", "team", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAW", null, "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", "{}", "{\"name\":\"ci\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"cd\"}", "127.0.0.1"));
        hashes.add(AuditChain.hash(PREV, 1, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null, "{\"name\":\"ci\"}", "127.0.0.2"));
        assertEquals(11, hashes.size(), "each of the 10 field changes gives a new hash");
    }

    @Test
    void nullAndEmptyStringDiffer() {
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "admin", "a", "t", "id", null, "{}", "ip"),
                AuditChain.hash(PREV, 1, AT, "admin", "a", "t", "id", "", "{}", "ip"));
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "admin", "a", "t", "id", "{}", "{}", null),
                AuditChain.hash(PREV, 1, AT, "admin", "a", "t", "id", "{}", "{}", ""));
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "admin", "a", "t", "id", "{}", "{}", null),
                AuditChain.hash(PREV, 1, AT, "admin", "a", "t", "id", "{}", "{}", "-1:"),
                "the text of the null marker is not null");
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "ab", "c", "t", "id", null, null, "ip"),
                AuditChain.hash(PREV, 1, AT, "a", "bc", "t", "id", null, null, "ip"));
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "a|1:b", "c", "t", "id", null, null, "ip"),
                AuditChain.hash(PREV, 1, AT, "a", "b|1:c", "t", "id", null, null, "ip"));
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "admin", "x", "t", "id", "{\"a\":1}", "", "ip"),
                AuditChain.hash(PREV, 1, AT, "admin", "x", "t", "id", "", "{\"a\":1}", "ip"),
                "before and after swapped");
        // an actor that spells out the serialisation of two fields must not equal those two fields
        assertNotEquals(AuditChain.hash(PREV, 1, AT, "5:admin|1:x", null, "t", "id", null, null, "ip"),
                AuditChain.hash(PREV, 1, AT, "admin", "x", "t", "id", null, null, "ip"));
    }

    @Test
    void chainsThroughThePreviousHash() {
        String first = AuditChain.hash(PREV, 1, AT, "admin", "team.create", "team", "team_1", null, "{}", "ip");
        String second = AuditChain.hash(first, 2, AT, "admin", "team.update", "team", "team_1", "{}", "{}", "ip");
        String forged = AuditChain.hash(AuditChain.hash(PREV, 1, AT, "admin", "team.create", "team", "team_1", null,
                "{\"x\":1}", "ip"), 2, AT, "admin", "team.update", "team", "team_1", "{}", "{}", "ip");
        assertNotEquals(second, forged, "changing an earlier entry changes every later hash");
    }

    private static String base() {
        return AuditChain.hash(PREV, 1, AT, "admin", "key.create", "api_key", "key_01ARZ3NDEKTSV4RRFFQ69G5FAV", null,
                "{\"name\":\"ci\"}", "127.0.0.1");
    }
}
