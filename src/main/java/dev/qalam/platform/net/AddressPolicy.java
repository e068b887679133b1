package dev.qalam.platform.net;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a fetch made on a user's behalf may connect to: public unicast internet addresses only.
 * Everything else names this machine, its networks or its cloud provider, where a server-side request
 * forgery would reach what the user cannot (admin ports, databases, the instance metadata service and its
 * credentials).
 *
 * <p>The blocks are IANA's special-purpose registries (RFC 6890 and its updates) that are not globally
 * reachable, plus cloud metadata endpoints that sit on public addresses. IPv6 forms that carry an IPv4
 * address (IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by
 * the IPv4 address they carry; the deprecated IPv4-compatible {@code ::/96}, local NAT64 and Teredo are
 * refused outright.
 */
public final class AddressPolicy {

    private record Block(IpRange range, String kind) {
        Block(String cidr, String kind) {
            this(IpRange.parse(cidr), kind);
        }
    }

    private static final List<Block> IPV4 = List.of(
            new Block("0.0.0.0/8", "unspecified (\"this network\")"),
            new Block("10.0.0.0/8", "private network"),
            new Block("100.64.0.0/10", "carrier-grade NAT (shared address space)"),
            new Block("127.0.0.0/8", "loopback"),
            new Block("169.254.0.0/16", "link-local (cloud metadata)"),
            new Block("172.16.0.0/12", "private network"),
            new Block("192.0.0.0/24", "IETF protocol assignments"),
            new Block("192.0.2.0/24", "documentation"),
            new Block("192.88.99.0/24", "6to4 relay anycast"),
            new Block("192.168.0.0/16", "private network"),
            new Block("198.18.0.0/15", "benchmarking"),
            new Block("198.51.100.0/24", "documentation"),
            new Block("203.0.113.0/24", "documentation"),
            new Block("224.0.0.0/4", "multicast"),
            new Block("255.255.255.255/32", "broadcast"),
            new Block("240.0.0.0/4", "reserved"),
            // Azure's host agent and metadata endpoint: a public address that answers only inside Azure.
            new Block("168.63.129.16/32", "cloud metadata"));

    private static final List<Block> IPV6 = List.of(
            new Block("::/128", "unspecified"),
            new Block("::1/128", "loopback"),
            new Block("::/96", "IPv4-compatible (deprecated)"),
            new Block("64:ff9b:1::/48", "local-use NAT64"),
            new Block("100::/64", "discard-only"),
            new Block("2001::/23", "IETF protocol assignments (Teredo and others)"),
            new Block("2001:db8::/32", "documentation"),
            new Block("3fff::/20", "documentation"),
            new Block("fc00::/7", "unique local (private network)"),
            new Block("fe80::/10", "link-local"),
            new Block("fec0::/10", "site-local (deprecated)"),
            new Block("ff00::/8", "multicast"));

    private static final IpRange IPV4_MAPPED = IpRange.parse("::ffff:0:0/96");
    private static final IpRange NAT64 = IpRange.parse("64:ff9b::/96");
    private static final IpRange SIX_TO_FOUR = IpRange.parse("2002::/16");

    private AddressPolicy() {
    }

    /** Why {@code address} may not be fetched from (a short kind such as "loopback"), or empty when it may. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length == 4) {
            return first(IPV4, address);
        }
        if (IPV4_MAPPED.contains(address) || NAT64.contains(address)) {
            return refusal(IpLiterals.byAddress(Arrays.copyOfRange(a, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return refusal(IpLiterals.byAddress(Arrays.copyOfRange(a, 2, 6)));
        }
        return first(IPV6, address);
    }

    public static boolean isPublic(InetAddress address) {
        return refusal(address).isEmpty();
    }

    private static Optional<String> first(List<Block> blocks, InetAddress address) {
        return blocks.stream().filter(b -> b.range().contains(address)).map(Block::kind).findFirst();
    }
}
