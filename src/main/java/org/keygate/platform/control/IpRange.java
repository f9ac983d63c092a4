package org.keygate.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR block from an {@code ip_whitelist}. Parsing accepts literals
 * only (never a host name, so no DNS lookup can happen) and refuses blocks with host bits set,
 * which are nearly always a typo.
 */
public record IpRange(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /**
     * Candidate IPv6 literals. The first character must be a hex digit or ':' — only then does
     * {@link InetAddress#getByName} take its literal path; anything else (e.g. {@code .::1}) it
     * hands to the system resolver as a host name.
     */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /** Parses {@code 10.0.0.0/8}, {@code 203.0.113.7}, {@code 2001:db8::/32} or {@code ::1}; throws with a reason otherwise. */
    public static IpRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String bits = value.substring(slash + 1);
            if (!bits.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("has an invalid prefix length '" + bits + "'");
            }
            prefix = Integer.parseInt(bits);
            if (prefix > max) {
                throw new IllegalArgumentException("has a prefix length above " + max);
            }
        }
        for (int bit = prefix; bit < max; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("has host bits set; the block is " + canonical(mask(bytes, prefix), prefix));
            }
        }
        return new IpRange(bytes, prefix);
    }

    /** True if the address is in this block; IPv4 never matches an IPv6 block and vice versa. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (address[full] & m) == (network[full] & m);
    }

    @Override
    public String toString() {
        return canonical(network, prefix);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpRange r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    /** Bytes of an IP literal; throws for anything else, including host names. */
    public static byte[] literal(String address) {
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                int n = Integer.parseInt(parts[i]);
                if (n > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                    throw new IllegalArgumentException("is not a valid IPv4 address");
                }
                out[i] = (byte) n;
            }
            return out;
        }
        if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
            try {
                // starting with a hex digit or ':' and containing ':', it is parsed as a literal and
                // never looked up; an IPv4-mapped one comes back as 4 bytes
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("is not a valid IPv6 address");
            }
        }
        throw new IllegalArgumentException("is not an IP address or CIDR block");
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    private static String canonical(byte[] bytes, int prefix) {
        try {
            String host = InetAddress.getByAddress(bytes).getHostAddress();
            if (bytes.length == 16) {
                host = compress(host);
            }
            return prefix == bytes.length * 8 ? host : host + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java prints IPv6 in full ({@code 2001:db8:0:0:0:0:0:0}); RFC 5952 wants the longest zero run as {@code ::}. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength && j - i > 1) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
