package dev.policymatch.net;

import java.util.Arrays;

/**
 * Strict IPv4/IPv6 literal parsing with no name resolution: {@code InetAddress.getByName} would
 * look up anything that is not a literal, which a validator must never do. Accepts what Go's
 * {@code net.ParseIP} accepts (dotted quads without leading zeros, RFC 4291 IPv6 text forms with
 * an optional trailing dotted quad), no zones, no brackets.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** The address's bytes (4 or 16), or null when {@code text} is not an IP address literal. */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
    }

    public static boolean isAddress(String text) {
        return parse(text) != null;
    }

    /** {@code <address>/<prefix>} with a prefix in range for the address family. */
    public static boolean isCidr(String text) {
        if (text == null) {
            return false;
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            return false;
        }
        byte[] address = parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address == null || prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
                || (prefix.length() > 1 && prefix.charAt(0) == '0')) {
            return false;
        }
        return Integer.parseInt(prefix) <= address.length * 8;
    }

    /** Canonical text of an address, so that {@code ::1} and {@code 0:0::1} compare equal. */
    public static String canonical(String text) {
        byte[] bytes = parse(text);
        return bytes == null ? text : Arrays.toString(bytes);
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] parseV6(String text) {
        int ellipsis = text.indexOf("::");
        if (ellipsis >= 0 && text.indexOf("::", ellipsis + 1) >= 0) {
            return null;
        }
        byte[] bytes = new byte[16];
        int[] groups = new int[8];
        int count = 0;
        String head = ellipsis >= 0 ? text.substring(0, ellipsis) : text;
        String tail = ellipsis >= 0 ? text.substring(ellipsis + 2) : "";
        int[] headGroups = groups(head, ellipsis < 0 || tail.isEmpty());
        int[] tailGroups = ellipsis >= 0 ? groups(tail, true) : new int[0];
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (ellipsis < 0 ? total != 8 : total > 7) {
            return null;
        }
        for (int group : headGroups) {
            groups[count++] = group;
        }
        count = 8 - tailGroups.length;
        for (int group : tailGroups) {
            groups[count++] = group;
        }
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        return bytes;
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups) when allowed. */
    private static int[] groups(String text, boolean quadAllowed) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] result = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && quadAllowed && part.indexOf('.') >= 0) {
                byte[] quad = parseV4(part);
                if (quad == null) {
                    return null;
                }
                result[n++] = ((quad[0] & 0xff) << 8) | (quad[1] & 0xff);
                result[n++] = ((quad[2] & 0xff) << 8) | (quad[3] & 0xff);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            int value = 0;
            for (char c : part.toCharArray()) {
                int digit = Character.digit(c, 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            result[n++] = value;
        }
        return Arrays.copyOf(result, n);
    }
}
