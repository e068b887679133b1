package dev.qalam.platform.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block of addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is a block of
 * one. IPv4 blocks also match the IPv4-mapped IPv6 form of their addresses ({@code ::ffff:10.1.2.3}), which
 * is how a dual-stack socket may report an IPv4 peer.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
        mask(this.network, prefixLength);
    }

    /**
     * Reads {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is not a literal address or the prefix is out of range
     */
    public static IpRange parse(String cidr) {
        String s = cidr.strip();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        InetAddress address = IpLiterals.parse(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + cidr));
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 && addressPart.indexOf(':') >= 0) {
            // Written as IPv6 (::ffff:0:0/96): keep it IPv6, although the JDK reads it as IPv4.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a CIDR prefix length: " + cidr);
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("the prefix length is out of range: " + cidr);
            }
        }
        return new IpRange(bytes, prefix);
    }

    /** A comma- or whitespace-separated list of blocks; blank is empty. */
    public static List<IpRange> parseList(String list) {
        List<IpRange> ranges = new ArrayList<>();
        if (list == null) {
            return ranges;
        }
        for (String item : list.split("[,\\s]+")) {
            if (!item.isBlank()) {
                ranges.add(parse(item));
            }
        }
        return ranges;
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 16 && network.length == 4 && isIpv4Mapped(a)) {
            a = Arrays.copyOfRange(a, 12, 16);
        }
        if (a.length != network.length) {
            return false;
        }
        byte[] masked = a.clone();
        mask(masked, prefixLength);
        return Arrays.equals(masked, network);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    static boolean isIpv4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static void mask(byte[] bytes, int prefixLength) {
        for (int i = 0; i < bytes.length; i++) {
            int bits = Math.max(0, Math.min(8, prefixLength - 8 * i));
            bytes[i] &= (byte) (0xff << (8 - bits));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpLiterals.format(IpLiterals.byAddress(network)) + "/" + prefixLength;
    }
}
