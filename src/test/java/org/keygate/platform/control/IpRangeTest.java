package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.Permission;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.7, 203.0.113.7",
            "0.0.0.0/0, 0.0.0.0/0",
            "10.0.0.0/8, 10.0.0.0/8",
            "192.168.0.0/16, 192.168.0.0/16",
            "203.0.113.7/32, 203.0.113.7",
            "' 10.0.0.0/8 ', 10.0.0.0/8",
            "::1, ::1",
            "::, ::",
            "::/0, ::/0",
            "2001:db8::/32, 2001:db8::/32",
            "2001:DB8::/32, 2001:db8::/32",
            "2001:0db8:0000:0000:0000:0000:0000:0000/32, 2001:db8::/32",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "fe80::/10, fe80::/10",
            "1::, 1::",
            "2001:db8::1/128, 2001:db8::1",
            "::ffff:192.0.2.1, 192.0.2.1",
    })
    void parsesLiteralsAndBlocksToTheirCanonicalForm(String input, String canonical) {
        IpRange range = IpRange.parse(input);
        assertEquals(canonical, range.toString());
        assertEquals(range, IpRange.parse(canonical), "canonical form parses back to the same range");
    }

    @Test
    void singleAddressIsAFullLengthBlock() {
        assertEquals(32, IpRange.parse("203.0.113.7").prefix());
        assertEquals(128, IpRange.parse("2001:db8::1").prefix());
        assertEquals(IpRange.parse("203.0.113.7"), IpRange.parse("203.0.113.7/32"));
        assertEquals(IpRange.parse("203.0.113.7").hashCode(), IpRange.parse("203.0.113.7/32").hashCode());
        assertNotEquals(IpRange.parse("10.0.0.0/8"), IpRange.parse("10.0.0.0/9"));
    }

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1/8, 10.0.0.0/8",
            "192.168.1.1/16, 192.168.0.0/16",
            "203.0.113.7/31, 203.0.113.6/31",
            "1.2.3.4/0, 0.0.0.0/0",
            "2001:db8::1/32, 2001:db8::/32",
            "2001:db8:ffff::/31, 2001:db8::/31",
            "::1/0, ::/0",
    })
    void refusesHostBitsAndSuggestsTheBlock(String input, String block) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpRange.parse(input));
        assertTrue(e.getMessage().contains("host bits"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" " + block), e.getMessage());
    }

    @Test
    void prefixLengthBounds() {
        assertEquals(0, IpRange.parse("0.0.0.0/0").prefix());
        assertEquals(32, IpRange.parse("1.2.3.4/32").prefix());
        assertEquals(128, IpRange.parse("::1/128").prefix());
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/33"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("::1/129"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/-1"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/1000"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/8/8"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/x"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/ 32"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("1.2.3.4/\u0663\u0662"), "non-ASCII digits");
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("/8"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.com", "router", "ip6-localhost", "a", "ab", "abc", "dead",
            "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.256", "1.2.3.-1", "01.2.3.4", "1.2.3.04", "010.0.0.1",
            "1.2.3.4x", "1..2.3", "1.2.3.4:80", "[::1]", "::1%eth0", "fe80::1%1", "2001:db8:::1",
            "2001:db8::1::2", "12345::", "2001:db8:0:0:0:0:0:0:1", "::g", ":", ":::", "1:2", "\u0661.2.3.4",
            "\uFF11.2.3.4", ".::1", "..:", ".:", "-::1", "x:y", "g::", "example.com:8080", "1.2.3.4/8 10.0.0.0/8"})
    void refusesEverythingThatIsNotALiteral(String input) {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse(input));
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse(null));
    }

    /**
     * {@code InetAddress} asks the security manager's {@code checkConnect(host, -1)} before every
     * name lookup, so a manager that records those calls sees any DNS query parsing would make.
     */
    @Test
    @SuppressWarnings("removal")
    void parsingNeverLooksUpAName() {
        List<String> lookups = new ArrayList<>();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
            }

            @Override
            public void checkConnect(String host, int port) {
                if (port == -1) {
                    lookups.add(host);
                }
            }
        };
        try {
            System.setSecurityManager(recorder);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "this JVM does not allow a security manager (Java 18+ needs -Djava.security.manager=allow)");
        }
        try {
            for (String input : List.of("localhost", "example.com", ".::1", "..:", ".:", ".:example.com", "::1",
                    "2001:db8::/32", "::ffff:192.0.2.1", "10.0.0.0/8", "a:b", "1:2", "fe80::1%lo", "[::1]")) {
                try {
                    IpRange.parse(input);
                } catch (IllegalArgumentException expected) {
                    // only the lookups matter here
                }
            }
        } finally {
            System.setSecurityManager(null);
        }
        assertEquals(List.of(), lookups);
    }

    @Test
    void containsIpv4BoundaryAddresses() {
        IpRange block = IpRange.parse("10.0.0.0/8");
        assertTrue(block.contains(IpRange.literal("10.0.0.0")));
        assertTrue(block.contains(IpRange.literal("10.255.255.255")));
        assertTrue(block.contains(IpRange.literal("10.1.2.3")));
        assertFalse(block.contains(IpRange.literal("9.255.255.255")));
        assertFalse(block.contains(IpRange.literal("11.0.0.0")));

        IpRange odd = IpRange.parse("192.168.16.0/20");
        assertTrue(odd.contains(IpRange.literal("192.168.16.0")));
        assertTrue(odd.contains(IpRange.literal("192.168.31.255")));
        assertFalse(odd.contains(IpRange.literal("192.168.15.255")));
        assertFalse(odd.contains(IpRange.literal("192.168.32.0")));

        IpRange pair = IpRange.parse("203.0.113.6/31");
        assertTrue(pair.contains(IpRange.literal("203.0.113.6")));
        assertTrue(pair.contains(IpRange.literal("203.0.113.7")));
        assertFalse(pair.contains(IpRange.literal("203.0.113.5")));
        assertFalse(pair.contains(IpRange.literal("203.0.113.8")));

        IpRange one = IpRange.parse("203.0.113.7");
        assertTrue(one.contains(IpRange.literal("203.0.113.7")));
        assertFalse(one.contains(IpRange.literal("203.0.113.6")));
        assertFalse(one.contains(IpRange.literal("203.0.113.8")));

        IpRange all = IpRange.parse("0.0.0.0/0");
        assertTrue(all.contains(IpRange.literal("0.0.0.0")));
        assertTrue(all.contains(IpRange.literal("255.255.255.255")));
    }

    @Test
    void containsIpv6BoundaryAddresses() {
        IpRange block = IpRange.parse("2001:db8::/32");
        assertTrue(block.contains(IpRange.literal("2001:db8::")));
        assertTrue(block.contains(IpRange.literal("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(block.contains(IpRange.literal("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(block.contains(IpRange.literal("2001:db9::")));

        IpRange link = IpRange.parse("fe80::/10");
        assertTrue(link.contains(IpRange.literal("fe80::1")));
        assertTrue(link.contains(IpRange.literal("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(link.contains(IpRange.literal("fec0::")));
        assertFalse(link.contains(IpRange.literal("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));

        IpRange loopback = IpRange.parse("::1");
        assertTrue(loopback.contains(IpRange.literal("::1")));
        assertFalse(loopback.contains(IpRange.literal("::2")));
        assertFalse(loopback.contains(IpRange.literal("::")));

        assertTrue(IpRange.parse("::/0").contains(IpRange.literal("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    }

    @Test
    void ipv4AndIpv6NeverMatchEachOther() {
        assertFalse(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("::1")));
        assertFalse(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("2001:db8::1")));
        assertFalse(IpRange.parse("::/0").contains(IpRange.literal("127.0.0.1")));
        assertFalse(IpRange.parse("::/0").contains(IpRange.literal("0.0.0.0")));
        // IPv4-compatible ::a.b.c.d is an IPv6 address, not the IPv4 one
        assertFalse(IpRange.parse("10.0.0.0/8").contains(IpRange.literal("::10.0.0.1")));
    }

    @Test
    void ipv4MappedIpv6IsTreatedAsTheIpv4Address() {
        assertEquals(4, IpRange.literal("::ffff:10.1.2.3").length);
        assertTrue(IpRange.parse("10.0.0.0/8").contains(IpRange.literal("::ffff:10.1.2.3")));
    }

    @Test
    void literalGivesTheAddressBytes() {
        assertEquals(List.of(10, 0, 0, 1), unsigned(IpRange.literal("10.0.0.1")));
        assertEquals(List.of(255, 255, 255, 255), unsigned(IpRange.literal("255.255.255.255")));
        assertEquals(16, IpRange.literal("::1").length);
        assertEquals(1, IpRange.literal("::1")[15]);
        assertEquals(0x20, IpRange.literal("2001:db8::")[0]);
    }

    private static List<Integer> unsigned(byte[] bytes) {
        List<Integer> out = new ArrayList<>();
        for (byte b : bytes) {
            out.add(b & 0xff);
        }
        return out;
    }
}
