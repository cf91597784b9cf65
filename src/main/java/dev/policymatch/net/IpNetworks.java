package dev.policymatch.net;

import dev.policymatch.text.Quoted;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP addresses and CIDRs written the way Calico (Go's {@code net.IPNet.String()}) writes them, so a
 * converted resource shows the same text as {@code calicoctl get}: host bits cleared
 * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), a bare address as {@code /32} or {@code /128}, IPv6
 * lowercase with the longest run of two or more zero groups as {@code ::}.
 */
public final class IpNetworks {
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    private IpNetworks() {
    }

    /**
     * libcalico-go's {@code ParseCIDROrIP}: a CIDR, or an address taken as a single-address network.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static String cidrOrIp(String text) {
        if (text.contains("/")) {
            return cidr(text);
        }
        byte[] address = address(text);
        return format(address) + "/" + address.length * 8;
    }

    /**
     * Go's {@code net.ParseCIDR}, then {@code String()} of the network.
     *
     * @throws IllegalArgumentException when the text is not an address, "/", and a prefix length
     */
    public static String cidr(String text) {
        int slash = text.indexOf('/');
        IllegalArgumentException notCidr = new IllegalArgumentException(
                Quoted.of(text) + " is not a CIDR (address/prefix length)");
        if (slash < 0) {
            throw notCidr;
        }
        byte[] address;
        try {
            address = address(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw notCidr;
        }
        String prefixText = text.substring(slash + 1);
        int prefix = PREFIX.matcher(prefixText).matches() ? Integer.parseInt(prefixText) : -1;
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException(Quoted.of(text) + " has an invalid prefix length");
        }
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return format(address) + "/" + prefix;
    }

    private static byte[] address(String text) {
        if (IPV4.matcher(text).matches()) {
            byte[] bytes = new byte[4];
            String[] parts = text.split("\\.");
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    throw new IllegalArgumentException(Quoted.of(text) + " is not an IP address");
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        // Only a literal with a ':' reaches InetAddress, which then parses without a DNS lookup.
        if (IPV6.matcher(text).matches()) {
            try {
                InetAddress parsed = InetAddress.getByName(text);
                // An IPv4-mapped address (::ffff:a.b.c.d) comes back as IPv4, as Go's To4() sees it.
                return parsed.getAddress();
            } catch (UnknownHostException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException(Quoted.of(text) + " is not an IP address");
    }

    private static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // The longest run of zero groups, the first one on a tie, and only when two or more long.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
