package org.keygate.monitoring.control;

import java.net.InetAddress;
import java.util.List;

import org.keygate.platform.control.IpRange;

/**
 * Where webhooks may go. A team admin chooses the URL, and the server reads back the delivery
 * status, so an unrestricted target would let them probe the server's own network. Refused unless
 * the deployment allows it (by CIDR, {@code keygate.webhooks.allowed-targets}): loopback,
 * link-local (cloud metadata at 169.254.169.254 among them), private and shared (CGNAT) IPv4,
 * unique-local and site-local IPv6, multicast, broadcast and unspecified addresses; IPv4-mapped
 * IPv6 addresses count as their IPv4 address. A host name is judged by every address it resolves
 * to: one refused address refuses it.
 */
public final class WebhookTargets {

    private static final List<IpRange> REFUSED = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4",
            "240.0.0.0/4", "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "64:ff9b::/96")
            .stream().map(IpRange::parse).toList();

    private final List<IpRange> allowed;

    /** {@code allowed}: comma-separated CIDR blocks let through although they are in a refused range. */
    public WebhookTargets(String allowed) {
        this.allowed = allowed == null || allowed.isBlank() ? List.of()
                : java.util.Arrays.stream(allowed.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(IpRange::parse).toList();
    }

    /** The first address that may not receive webhooks, or null if all may. */
    public InetAddress refused(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            byte[] bytes = address.getAddress();
            boolean internal = REFUSED.stream().anyMatch(r -> r.contains(bytes));
            if (internal && allowed.stream().noneMatch(r -> r.contains(bytes))) {
                return address;
            }
        }
        return null;
    }

    /** The reason a refused address is given, naming the setting that would allow it. */
    public static String reason(InetAddress address) {
        return "goes to " + address.getHostAddress() + ", an internal address (loopback, private, link-local or"
                + " multicast); webhooks may go there only if keygate.webhooks.allowed-targets allows it";
    }
}
