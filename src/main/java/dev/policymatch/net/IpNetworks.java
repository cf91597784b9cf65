package dev.policymatch.net;

import dev.policymatch.text.Quoted;
import java.util.Arrays;

/**
 * IP addresses and networks, read and written as Calico does with Go's {@code net} package (and libcalico-go's
 * {@code lib/net}): parsed as {@code net.ParseIP} / {@code net.ParseCIDR} parse them (Go's {@code netip} rules:
 * dotted quads without leading zeros, IPv6 groups of at most four hex digits, an embedded dotted quad only as
 * the last 32 bits, no zones, no brackets, never a name lookup), and written as {@code net.IPNet.String()}
 * writes them, so a converted resource shows the same text as {@code calicoctl get}: host bits cleared
 * ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), a bare address as {@code /32} or {@code /128}, IPv6 lowercase
 * with the longest run of two or more zero groups as {@code ::}, an IPv4-mapped network as IPv4.
 *
 * <p>One deliberate difference: Go reads a prefix length with leading zeros ({@code 10.0.0.0/08}); Calico's
 * CRD schemas refuse it, so the API server never lets one through, and neither does PolicyMatch.
 */
public final class IpNetworks {
    private static final int IPV4_BYTES = 4;
    private static final int IPV6_BYTES = 16;
    private static final int MAX_PREFIX_DIGITS = 3;

    private IpNetworks() {
    }

    /** Whether {@code text} is an IP address ({@code net.ParseIP}). */
    public static boolean isAddress(String text) {
        return parse(text) != null;
    }

    /** Whether {@code text} is {@code <address>/<prefix length>} ({@code net.ParseCIDR}). */
    public static boolean isCidr(String text) {
        return network(text) != null;
    }

    /**
     * The same text for the same address, so that {@code ::1} and {@code 0:0::1} compare equal; an IPv4 address
     * and its IPv4-mapped IPv6 form stay apart. Text that is no address is its own key.
     */
    public static String canonical(String text) {
        byte[] bytes = parse(text);
        return bytes == null ? text : Arrays.toString(bytes);
    }

    /**
     * libcalico-go's {@code ParseCIDROrIP}, written as an {@code IPNet}: a CIDR, or an address taken as the
     * network of that one address.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static String cidrOrIp(String text) {
        if (text.contains("/")) {
            return cidr(text);
        }
        byte[] address = parse(text);
        if (address == null) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not an IP address");
        }
        return new Network(address, address.length * 8).toString();
    }

    /**
     * Go's {@code net.ParseCIDR}, then {@code String()} of the network.
     *
     * @throws IllegalArgumentException when the text is not an address, "/", and a prefix length
     */
    public static String cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0 || parse(text.substring(0, slash)) == null) {
            throw new IllegalArgumentException(Quoted.of(text) + " is not a CIDR (address/prefix length)");
        }
        Network network = network(text);
        if (network == null) {
            throw new IllegalArgumentException(Quoted.of(text) + " has an invalid prefix length");
        }
        return network.toString();
    }

    /**
     * 4 or 6 for an address as libcalico-go's {@code IP.Version} gives it (an IPv4-mapped IPv6 address is 4), 0 for
     * text that is no address.
     */
    public static int version(String address) {
        byte[] bytes = parse(address);
        if (bytes == null) {
            return 0;
        }
        return bytes.length == IPV4_BYTES || isIpv4Mapped(bytes) ? 4 : 6;
    }

    /**
     * Go's {@code IPNet.Contains} on libcalico-go's {@code ParseCIDROrIP} of {@code network}: false when either text
     * is not one, or when they are of different widths; an IPv4-mapped address or network counts as IPv4 (its mask
     * cut to the last 32 bits, as {@code networkNumberAndMask} does).
     */
    public static boolean contains(String network, String address) {
        Network parsed = network != null && network.contains("/") ? network(network) : single(network);
        byte[] ip = parse(address);
        if (parsed == null || ip == null) {
            return false;
        }
        if (isIpv4Mapped(parsed.address())) {
            parsed = new Network(Arrays.copyOfRange(parsed.address(), IPV6_BYTES - IPV4_BYTES, IPV6_BYTES),
                    Math.max(0, parsed.prefix() - (IPV6_BYTES - IPV4_BYTES) * 8));
        }
        if (isIpv4Mapped(ip)) {
            ip = Arrays.copyOfRange(ip, IPV6_BYTES - IPV4_BYTES, IPV6_BYTES);
        }
        if (ip.length != parsed.address().length) {
            return false;
        }
        for (int bit = 0; bit < parsed.prefix(); bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((ip[bit / 8] & mask) != (parsed.address()[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** An address as the network of that one address, or null. */
    private static Network single(String text) {
        byte[] address = parse(text);
        return address == null ? null : new Network(address, address.length * 8);
    }

    /** The shape of {@code <address>/<prefix length>} ({@code net.ParseCIDR}), or null when the text is no CIDR. */
    public static CidrShape cidrShape(String text) {
        Network network = network(text);
        if (network == null) {
            return null;
        }
        byte[] written = parse(text.substring(0, text.indexOf('/')));
        boolean ipv4 = network.address().length == IPV4_BYTES || isIpv4Mapped(network.address());
        return new CidrShape(ipv4 ? 4 : 6, network.prefix(), network.address().length * 8,
                !Arrays.equals(written, network.address()), network.toString());
    }

    /** The network of {@code <address>/<prefix>}, host bits cleared, or null. */
    private static Network network(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] address = parse(text.substring(0, slash));
        int prefix = prefixLength(text.substring(slash + 1));
        if (address == null || prefix < 0 || prefix > address.length * 8) {
            return null;
        }
        for (int bit = prefix; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Network(address, prefix);
    }

    /** Decimal digits without a leading zero, or -1. */
    private static int prefixLength(String text) {
        if (text.isEmpty() || text.length() > MAX_PREFIX_DIGITS || (text.length() > 1 && text.charAt(0) == '0')
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /**
     * Go's {@code netip.ParseAddr} without zones: 4 bytes for a dotted quad, 16 for IPv6 text (an IPv4-mapped
     * address included), or null. Which form is decided by whether a '.' or a ':' comes first.
     */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                byte[] bytes = new byte[IPV4_BYTES];
                return parseIpv4(text, 0, bytes, 0) ? bytes : null;
            }
            if (c == ':') {
                return parseIpv6(text);
            }
        }
        return null;
    }

    /** Four decimal fields of {@code text} from {@code start} to its end into {@code out} at {@code at}. */
    private static boolean parseIpv4(String text, int start, byte[] out, int at) {
        String[] fields = text.substring(start).split("\\.", -1);
        if (fields.length != IPV4_BYTES) {
            return false;
        }
        for (int i = 0; i < IPV4_BYTES; i++) {
            String field = fields[i];
            if (field.isEmpty() || field.length() > 3 || (field.length() > 1 && field.charAt(0) == '0')
                    || !field.chars().allMatch(c -> c >= '0' && c <= '9') || Integer.parseInt(field) > 255) {
                return false;
            }
            out[at + i] = (byte) Integer.parseInt(field);
        }
        return true;
    }

    /**
     * Colon-separated groups of one to four hex digits, at most one {@code ::} standing for one or more zero
     * groups, and a dotted quad only as the last 32 bits (in the last two groups' place when there is no
     * {@code ::}).
     */
    private static byte[] parseIpv6(String text) {
        byte[] bytes = new byte[IPV6_BYTES];
        int ellipsis = -1;
        int pos = 0;
        int filled = 0;
        if (text.startsWith("::")) {
            ellipsis = 0;
            pos = 2;
            if (pos == text.length()) {
                return bytes;
            }
        }
        while (filled < IPV6_BYTES) {
            int end = pos;
            while (end < text.length() && isHexDigit(text.charAt(end)) && end - pos < 5) {
                end++;
            }
            if (end == pos || end - pos > 4) {
                return null;
            }
            if (end < text.length() && text.charAt(end) == '.') {
                if ((ellipsis < 0 && filled != IPV6_BYTES - IPV4_BYTES) || filled + IPV4_BYTES > IPV6_BYTES
                        || !parseIpv4(text, pos, bytes, filled)) {
                    return null;
                }
                filled += IPV4_BYTES;
                pos = text.length();
                break;
            }
            int group = Integer.parseInt(text.substring(pos, end), 16);
            bytes[filled++] = (byte) (group >> 8);
            bytes[filled++] = (byte) group;
            pos = end;
            if (pos == text.length()) {
                break;
            }
            if (text.charAt(pos) != ':' || pos + 1 == text.length()) {
                return null;
            }
            pos++;
            if (text.charAt(pos) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = filled;
                pos++;
                if (pos == text.length()) {
                    break;
                }
            }
        }
        if (pos != text.length()) {
            return null;
        }
        if (filled < IPV6_BYTES) {
            if (ellipsis < 0) {
                return null;
            }
            int shift = IPV6_BYTES - filled;
            System.arraycopy(bytes, ellipsis, bytes, ellipsis + shift, filled - ellipsis);
            Arrays.fill(bytes, ellipsis, ellipsis + shift, (byte) 0);
        } else if (ellipsis >= 0) {
            return null; // "::" must stand for at least one zero group
        }
        return bytes;
    }

    /** ASCII only: {@code Character.digit} would also take other scripts' digits and fullwidth letters. */
    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A network number (host bits already cleared) and its prefix length, in the address's own width. */
    private record Network(byte[] address, int prefix) {

        /**
         * Go's {@code IPNet.String()}: an IPv6 network whose number is IPv4-mapped is written as IPv4, with the
         * last 32 bits of its mask ({@code networkNumberAndMask}), so {@code ::ffff:10.1.2.3/128} is
         * {@code 10.1.2.3/32}.
         */
        @Override
        public String toString() {
            if (isIpv4Mapped(address)) {
                return ipv4(Arrays.copyOfRange(address, IPV6_BYTES - IPV4_BYTES, IPV6_BYTES)) + "/"
                        + Math.max(0, prefix - (IPV6_BYTES - IPV4_BYTES) * 8);
            }
            return (address.length == IPV4_BYTES ? ipv4(address) : ipv6(address)) + "/" + prefix;
        }
    }

    private static boolean isIpv4Mapped(byte[] address) {
        if (address.length != IPV6_BYTES || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String ipv4(byte[] address) {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /** Lowercase hex groups, the longest run of two or more zero groups (the first on a tie) as {@code ::}. */
    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
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
