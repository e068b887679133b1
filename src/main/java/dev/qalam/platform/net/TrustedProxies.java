package dev.qalam.platform.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the address of the client behind the reverse proxies that the operator trusts
 * ({@code QALAM_TRUSTED_PROXIES}, CIDR blocks). {@code X-Forwarded-For} is written by the client as much as by
 * proxies, so it is believed only as far as trusted hops vouch for it: starting from the socket's peer, each
 * trusted hop's claim about the hop before it is accepted, and the first address that is not a trusted proxy
 * is the client (the rightmost untrusted address). With no trusted proxies configured, the header is ignored
 * and the client is the socket's peer: a client cannot choose its own rate-limit bucket by sending the header.
 *
 * <p>When every listed address is trusted, the leftmost one is the client (it came through proxies only).
 * When a trusted hop reports something that is not an IP address, that hop itself is taken as the client:
 * nothing beyond it can be believed.
 */
public final class TrustedProxies {

    public static final String SETTING = "QALAM_TRUSTED_PROXIES";
    public static final String HEADER = "X-Forwarded-For";

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<IpRange> ranges;

    public TrustedProxies(List<IpRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException naming the setting and the entry that is not a CIDR block
     */
    public static TrustedProxies parse(String setting) {
        try {
            return new TrustedProxies(IpRange.parseList(setting));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + ": " + e.getMessage(), e);
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean isTrusted(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The client's address, written as {@link IpLiterals#format} writes it.
     *
     * @param peer          the socket's remote address (the servlet's {@code getRemoteAddr()})
     * @param forwardedFor  every {@code X-Forwarded-For} header of the request, in order (each may list
     *                      several comma-separated addresses); may be empty
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = IpLiterals.parse(peer);
        if (peerAddress.isEmpty()) {
            // A servlet container reports a literal; if it did not, use what it reported as the key.
            return peer == null ? "unknown" : peer.strip();
        }
        InetAddress current = peerAddress.get();
        if (ranges.isEmpty() || !isTrusted(current)) {
            return IpLiterals.format(current);
        }
        List<String> hops = hops(forwardedFor);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = parseHop(hops.get(i));
            if (hop.isEmpty()) {
                return IpLiterals.format(current);
            }
            current = hop.get();
            if (!isTrusted(current)) {
                return IpLiterals.format(current);
            }
        }
        return IpLiterals.format(current);
    }

    private static List<String> hops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        if (headers == null) {
            return hops;
        }
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String item : header.split(",")) {
                if (!item.isBlank()) {
                    hops.add(item.strip());
                }
            }
        }
        return hops;
    }

    /** An address as proxies write it: bare, {@code a.b.c.d:port}, {@code [v6]} or {@code [v6]:port}. */
    static Optional<InetAddress> parseHop(String hop) {
        String h = hop;
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            return IpLiterals.parse(h.substring(1, close));
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && colon == h.lastIndexOf(':')) {
            h = h.substring(0, colon);
        }
        return IpLiterals.parse(h);
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
