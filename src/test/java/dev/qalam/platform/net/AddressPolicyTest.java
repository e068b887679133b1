package dev.qalam.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Only public unicast addresses may be fetched; every special-purpose block and embedding is refused. */
class AddressPolicyTest {

    static InetAddress a(String literal) {
        return IpLiterals.parse(literal).orElseThrow(() -> new AssertionError("not a literal: " + literal));
    }

    static void refused(String literal, String kind) {
        assertEquals(kind, AddressPolicy.refusal(a(literal)).orElse("public"), literal);
    }

    @Test
    void ipv4SpecialBlocks() {
        refused("127.0.0.1", "loopback");
        refused("127.255.255.254", "loopback");
        refused("10.0.0.1", "private network");
        refused("172.16.0.1", "private network");
        refused("172.31.255.255", "private network");
        refused("192.168.1.1", "private network");
        refused("100.64.0.1", "carrier-grade NAT (shared address space)");
        refused("100.100.100.200", "carrier-grade NAT (shared address space)");
        refused("169.254.169.254", "link-local (cloud metadata)");
        refused("168.63.129.16", "cloud metadata");
        refused("192.0.0.192", "IETF protocol assignments");
        refused("0.0.0.0", "unspecified (\"this network\")");
        refused("224.0.0.1", "multicast");
        refused("239.255.255.250", "multicast");
        refused("255.255.255.255", "broadcast");
        refused("240.0.0.1", "reserved");
        refused("198.18.0.1", "benchmarking");
        refused("192.0.2.1", "documentation");
    }

    @Test
    void ipv6SpecialBlocks() {
        refused("::1", "loopback");
        refused("::", "unspecified");
        refused("fe80::1", "link-local");
        refused("fc00::1", "unique local (private network)");
        refused("fd00:ec2::254", "unique local (private network)");
        refused("ff02::1", "multicast");
        refused("fec0::1", "site-local (deprecated)");
        refused("2001:db8::1", "documentation");
        refused("2001:0:4136:e378:8000:63bf:3fff:fdd2", "IETF protocol assignments (Teredo and others)");
        refused("::7f00:1", "IPv4-compatible (deprecated)");
        refused("64:ff9b:1::1", "local-use NAT64");
    }

    @Test
    void embeddedIpv4IsJudgedAsIpv4() {
        refused("::ffff:10.0.0.1", "private network");
        refused("::ffff:169.254.169.254", "link-local (cloud metadata)");
        refused("64:ff9b::7f00:1", "loopback");
        refused("64:ff9b::a9fe:a9fe", "link-local (cloud metadata)");
        refused("2002:7f00:1::1", "loopback");
        refused("2002:c0a8:101::1", "private network");
        assertTrue(AddressPolicy.isPublic(a("64:ff9b::808:808")));
        assertTrue(AddressPolicy.isPublic(a("2002:808:808::1")));
    }

    @Test
    void publicAddressesPass() {
        for (String ok : new String[] {"8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "100.128.0.1",
                "169.255.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"}) {
            assertTrue(AddressPolicy.isPublic(a(ok)), ok);
        }
        assertFalse(AddressPolicy.isPublic(a("172.20.1.1")));
    }
}
