package org.keygate.monitoring.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {

    private final WebhookTargets none = new WebhookTargets("");

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fc00::1",
        "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"})
    void internalAddressesAreRefused(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        assertEquals(address, none.refused(new InetAddress[] {address}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "192.0.2.1"})
    void publicAddressesPass(String literal) throws UnknownHostException {
        assertNull(none.refused(new InetAddress[] {InetAddress.getByName(literal)}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.20.30.40"})
    void theAllowListLetsChosenBlocksThrough(String literal) throws UnknownHostException {
        WebhookTargets allowing = new WebhookTargets(" 127.0.0.1/32 , 10.20.0.0/16");
        assertNull(allowing.refused(new InetAddress[] {InetAddress.getByName(literal)}));
        assertEquals(InetAddress.getByName("127.0.0.2"),
                allowing.refused(new InetAddress[] {InetAddress.getByName("127.0.0.2")}), "only what it lists");
    }

    @Test
    void oneInternalAddressAmongManyRefusesTheHost() throws UnknownHostException {
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        assertEquals(metadata, none.refused(new InetAddress[] {InetAddress.getByName("8.8.8.8"), metadata}));
    }
}
