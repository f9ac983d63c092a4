package org.keygate.platform.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientIpTest {

    private final ClientIp behindProxies = ClientIp.of("10.0.0.0/8, 2001:db8:ffff::/48");

    @Test
    void onlyConfiguredProxiesAreTrustedAndGarbageNever() {
        assertTrue(behindProxies.trusts("10.20.30.40"));
        assertTrue(behindProxies.trusts("[2001:db8:ffff::7]"));
        assertFalse(behindProxies.trusts("11.0.0.1"));
        assertFalse(behindProxies.trusts("2001:db8::1"));
        assertFalse(behindProxies.trusts("not-an-address"));
        assertFalse(behindProxies.trusts(null));
        assertFalse(ClientIp.of("").trusts("10.0.0.1"));
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", ClientIp.of("").resolve("203.0.113.9", "198.51.100.1"));
    }

    @Test
    void aSpoofedHeaderFromAnUntrustedPeerIsIgnored() {
        assertEquals("203.0.113.9", behindProxies.resolve("203.0.113.9", "10.1.1.1, 198.51.100.1"));
    }

    @Test
    void theRightMostUntrustedEntryIsTheClient() {
        // the client wrote "1.2.3.4" itself; the proxy chain appended 198.51.100.7 and 10.0.0.2
        assertEquals("198.51.100.7", behindProxies.resolve("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2"));
    }

    @Test
    void multipleHeadersAreReadAsOneList() {
        assertEquals("198.51.100.7", behindProxies.resolve("10.0.0.1", "1.2.3.4,198.51.100.7,10.9.9.9"));
    }

    @Test
    void ipv6PeersAndEntriesWithBracketsAndPorts() {
        assertEquals("2001:db8::5", behindProxies.resolve("2001:db8:ffff::1", "[2001:db8::5]:443"));
        assertEquals("203.0.113.9", behindProxies.resolve("10.0.0.1", "203.0.113.9:51234"));
    }

    @Test
    void allTrustedMeansTheLeftMostEntry() {
        assertEquals("10.0.0.5", behindProxies.resolve("10.0.0.1", "10.0.0.5, 10.0.0.6"));
    }

    @Test
    void garbageStopsTheWalkAtTheLastReadableHop() {
        assertEquals("10.0.0.6", behindProxies.resolve("10.0.0.1", "evil.example, 10.0.0.6"));
        assertEquals("10.0.0.1", behindProxies.resolve("10.0.0.1", "not-an-ip"));
    }

    @Test
    void ipv4ParsingIsStrict() {
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 0, 1}, ClientIp.ipv4("192.168.0.1"));
        assertNull(ClientIp.ipv4("192.168.0.256"));
        assertNull(ClientIp.ipv4("192.168.00.1"));
        assertNull(ClientIp.ipv4("1.2.3"));
        assertNull(ClientIp.ipv4("1.2.3.4.5"));
        assertNull(ClientIp.ipv4("a.b.c.d"));
        assertNull(ClientIp.bytes("localhost"));
    }

    @Test
    void aBadTrustedProxySettingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientIp.of("10.0.0.0/8,proxy.local"));
        assertEquals(true, e.getMessage().contains("proxy.local"));
    }
}
