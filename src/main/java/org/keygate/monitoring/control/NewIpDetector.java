package org.keygate.monitoring.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keygate.platform.control.IpRange;

/**
 * New client IP (docs/alerts.md): a call from a subnet this key was never used from (IPv4 /24, IPv6
 * /64 by default, so a DHCP renewal is not news) — after a learning period from the key's first
 * use, during which every subnet is new by definition. One finding per key and subnet.
 */
public record NewIpDetector(int ipv4Prefix, int ipv6Prefix, Duration learning) {

    public static final String NAME = "new_ip";

    /**
     * @param firstUse when the key was first used, or null
     * @param recentIps client IPs seen in the window being judged, with when each was first seen in it
     * @param knownSubnets subnets (as {@link #subnetOf}) the key was used from before that window
     */
    public List<Finding> check(String keyId, Instant firstUse, Map<String, Instant> recentIps,
            java.util.Set<String> knownSubnets) {
        List<Finding> out = new ArrayList<>();
        if (firstUse == null) {
            return out;
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (Map.Entry<String, Instant> ip : recentIps.entrySet()) {
            if (ip.getValue().isBefore(firstUse.plus(learning))) {
                continue;
            }
            String subnet;
            try {
                subnet = subnetOf(ip.getKey());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (knownSubnets.contains(subnet) || !reported.add(subnet)) {
                continue;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("ip", ip.getKey());
            evidence.put("subnet", subnet);
            evidence.put("first_seen", ip.getValue().toString());
            evidence.put("known_subnets", knownSubnets.size());
            out.add(new Finding(NAME, Severity.MEDIUM, keyId, NAME + ":" + keyId + ":" + subnet,
                    "first call from " + ip.getKey() + " (subnet " + subnet + ")", evidence));
        }
        return out;
    }

    /** The subnet an address belongs to at this detector's prefix lengths, canonical CIDR text. */
    public String subnetOf(String address) {
        byte[] bytes = IpRange.literal(address);
        int prefix = bytes.length == 4 ? ipv4Prefix : ipv6Prefix;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new IpRange(bytes, prefix).toString();
    }
}
