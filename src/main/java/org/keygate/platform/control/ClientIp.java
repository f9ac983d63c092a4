package org.keygate.platform.control;

import java.util.List;


/**
 * Which address a call comes from (docs/gateway.md). The socket peer, unless the peer is one of the
 * configured trusted proxies: then {@code X-Forwarded-For} is read from the right, skipping
 * trusted hops, and the first untrusted entry is the client. Entries to its left were written by
 * the client itself and are never believed, so a spoofed header from an untrusted peer — or a
 * spoofed prefix behind a trusted one — changes nothing.
 */
public final class ClientIp {

    private final IpRange[] trusted;

    public ClientIp(List<IpRange> trustedProxies) {
        this.trusted = trustedProxies.toArray(IpRange[]::new);
    }

    /** Parses a comma-separated list of CIDR blocks / addresses; throws naming the bad entry. */
    public static ClientIp of(String trustedProxies) {
        if (trustedProxies == null || trustedProxies.isBlank()) {
            return new ClientIp(List.of());
        }
        List<IpRange> ranges = new java.util.ArrayList<>();
        for (String part : trustedProxies.split(",")) {
            if (!part.isBlank()) {
                try {
                    ranges.add(IpRange.parse(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("trusted proxy '" + part.strip() + "' " + e.getMessage(), e);
                }
            }
        }
        return new ClientIp(ranges);
    }

    public boolean trustsAnyProxy() {
        return trusted.length > 0;
    }

    /**
     * The client's address as text. {@code forwardedFor} is every {@code X-Forwarded-For} header
     * value joined with commas, or null.
     */
    public String resolve(String peer, String forwardedFor) {
        if (trusted.length == 0 || forwardedFor == null || !isTrusted(bytes(peer))) {
            return peer;
        }
        String client = peer;
        int end = forwardedFor.length();
        while (end > 0) {
            int comma = forwardedFor.lastIndexOf(',', end - 1);
            String entry = strip(forwardedFor.substring(comma + 1, end));
            end = comma < 0 ? 0 : comma;
            if (entry.isEmpty()) {
                continue;
            }
            byte[] address = bytes(entry);
            if (address == null) {
                return client; // garbage from further left: the last hop we could read is the client
            }
            client = entry;
            if (!isTrusted(address)) {
                return entry;
            }
        }
        return client;
    }

    /** True if the address (IPv6 may be in brackets) is one of the trusted proxies; false for anything else. */
    public boolean trusts(String address) {
        return trusted.length > 0 && address != null && isTrusted(bytes(strip(address)));
    }

    private boolean isTrusted(byte[] address) {
        if (address == null) {
            return false;
        }
        for (IpRange range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address's bytes, or null when the text is not an IP literal (never a DNS lookup). */
    public static byte[] bytes(String text) {
        if (text == null) {
            return null;
        }
        byte[] v4 = ipv4(text);
        if (v4 != null) {
            return v4;
        }
        if (text.indexOf(':') < 0) {
            return null;
        }
        try {
            return IpRange.literal(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Dotted-quad parsing without regex or allocation beyond the result; null if not one. */
    static byte[] ipv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return null;
        }
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits > 0 && value == 0) {
                    return null; // leading zero
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** Trims blanks, IPv6 brackets and a trailing port ({@code [2001:db8::1]:443}, {@code 203.0.113.9:80}). */
    static String strip(String raw) {
        String s = raw.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close > 0 ? s.substring(1, close) : s;
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            return s.substring(0, colon);
        }
        return s;
    }
}
