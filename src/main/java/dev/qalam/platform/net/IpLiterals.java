package dev.qalam.platform.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads IP address literals without ever asking DNS. {@link InetAddress#getByName} looks a string up in DNS
 * as soon as it is not a literal it recognises, and Java 17 reads {@code 0177.0.0.1} as {@code 177.0.0.1}
 * where browsers, curl and the C library read {@code 127.0.0.1}: both are wrong for a security check, so
 * the parsing here is explicit.
 */
public final class IpLiterals {

    private IpLiterals() {
    }

    /**
     * A plain literal, as written in configuration and in {@code X-Forwarded-For}: dotted-quad IPv4 in decimal
     * without leading zeros, or IPv6 (optionally in brackets, without a zone). Anything else is empty.
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            return ipv6(s.substring(1, s.length() - 1));
        }
        if (s.indexOf(':') >= 0) {
            return ipv6(s);
        }
        return dottedQuad(s);
    }

    /**
     * The address a URL's host names when the host is an IP literal, read as browsers read it (the WHATWG URL
     * standard's IPv4 parser: one to four parts, each decimal, {@code 0x} hexadecimal or {@code 0}-prefixed
     * octal, the last part filling the remaining bytes), or empty when the host is a name to resolve.
     *
     * @throws IllegalArgumentException when the host looks numeric (ends in a number) but is not a valid
     *                                  address, such as {@code 1.2.3.4.5} or {@code 256.1.1.1}
     */
    public static Optional<InetAddress> parseUrlHost(String host) {
        String h = host.strip();
        if (h.startsWith("[")) {
            if (!h.endsWith("]")) {
                throw new IllegalArgumentException("not a valid IPv6 literal");
            }
            return Optional.of(ipv6(h.substring(1, h.length() - 1))
                    .orElseThrow(() -> new IllegalArgumentException("not a valid IPv6 literal")));
        }
        if (h.indexOf(':') >= 0) {
            return Optional.of(ipv6(h).orElseThrow(() -> new IllegalArgumentException("not a valid IPv6 literal")));
        }
        String[] parts = h.split("\\.", -1);
        int n = parts.length;
        if (n > 1 && parts[n - 1].isEmpty()) {
            n--;
        }
        if (n == 0 || !isNumber(parts[n - 1])) {
            return Optional.empty();
        }
        if (n > 4) {
            throw new IllegalArgumentException("too many parts for an IPv4 address");
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            long part = number(parts[i]);
            boolean last = i == n - 1;
            if (!last) {
                if (part > 255) {
                    throw new IllegalArgumentException("an IPv4 part is larger than 255");
                }
                value |= part << (8 * (3 - i));
            } else {
                if (part >= 1L << (8 * (5 - n))) {
                    throw new IllegalArgumentException("the IPv4 address is out of range");
                }
                value |= part;
            }
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Optional.of(byAddress(bytes));
    }

    /** A URL host with the brackets of an IPv6 literal removed and lower-cased, for comparisons. */
    public static String bareHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** How an address is written in messages and keys: IPv6 without brackets, compressed by the JDK. */
    public static String format(InetAddress address) {
        return address.getHostAddress();
    }

    private static boolean isNumber(String part) {
        if (part.isEmpty()) {
            return false;
        }
        if (part.startsWith("0x") || part.startsWith("0X")) {
            return part.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static long number(String part) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("an IPv4 part is empty");
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.length() > 12) {
            throw new IllegalArgumentException("the IPv4 address is out of range");
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an IPv4 part is not a number");
        }
    }

    private static Optional<InetAddress> dottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')
                    || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) v;
        }
        return Optional.of(byAddress(bytes));
    }

    /**
     * Only hexadecimal digits, colons and dots reach the JDK, and only with a colon in them: for such a string
     * {@link InetAddress#getByName} parses a literal or fails, and never asks DNS. Zones ({@code %eth0}) are
     * refused: they name local interfaces.
     */
    private static Optional<InetAddress> ipv6(String s) {
        if (s.isEmpty() || s.indexOf(':') < 0
                || !s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        try {
            // The JDK turns ::ffff:a.b.c.d into an Inet4Address: IPv4-mapped forms compare as the IPv4 address.
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
