package dev.qalam.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Addresses read without DNS: strict literals for settings and headers, browser rules for URL hosts. */
class IpLiteralsTest {

    static String url(String host) {
        return IpLiterals.parseUrlHost(host).map(InetAddress::getHostAddress).orElse("name");
    }

    @Test
    void strictLiterals() {
        assertEquals("10.1.2.3", IpLiterals.parse("10.1.2.3").orElseThrow().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", IpLiterals.parse("::1").orElseThrow().getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1", IpLiterals.parse("[::1]").orElseThrow().getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", IpLiterals.parse(" 2001:DB8::1 ").orElseThrow().getHostAddress());
        for (String notLiteral : new String[] {"localhost", "010.1.2.3", "1.2.3", "256.1.1.1", "1.2.3.4.5",
                "0x7f.0.0.1", "example.com", "", "fe80::1%eth0", "1.2.3.4:80", "::g"}) {
            assertEquals(Optional.empty(), IpLiterals.parse(notLiteral), notLiteral);
        }
    }

    @Test
    void urlHostsAreReadAsBrowsersReadThem() {
        assertEquals("127.0.0.1", url("127.0.0.1"));
        assertEquals("127.0.0.1", url("2130706433"));
        assertEquals("127.0.0.1", url("0x7f000001"));
        assertEquals("127.0.0.1", url("0x7F.0.0.1"));
        assertEquals("127.0.0.1", url("0177.0.0.1"));
        assertEquals("127.0.0.1", url("017700000001"));
        assertEquals("127.0.0.1", url("127.1"));
        assertEquals("127.0.0.1", url("0x7f.1"));
        assertEquals("127.0.0.1", url("127.0.0.1."));
        assertEquals("10.0.0.1", url("10.1"));
        assertEquals("169.254.169.254", url("0xa9fea9fe"));
        assertEquals("169.254.169.254", url("0251.0376.0251.0376"));
        assertEquals("0.0.0.0", url("0"));
        assertEquals("0:0:0:0:0:0:0:1", url("[::1]"));
        assertEquals("0:0:0:0:0:0:0:1", url("[0:0:0:0:0:0:0:1]"));
        // The JDK unwraps IPv4-mapped literals: they are judged as the IPv4 address they carry.
        assertEquals("127.0.0.1", url("[::ffff:127.0.0.1]"));
        assertEquals("127.0.0.1", url("[::ffff:7f00:1]"));
    }

    @Test
    void namesStayNames() {
        assertEquals("name", url("example.com"));
        assertEquals("name", url("1e100.net"));
        assertEquals("name", url("1.2.3.4.example"));
        assertEquals("name", url("localhost"));
        assertEquals("name", url("deadbeef"));
    }

    @Test
    void numericHostsThatAreNoAddressAreRefused() {
        for (String bad : new String[] {"1.2.3.4.5", "256.1.1.1", "1.2.3.256", "4294967296", "1.16777216",
                "0x1ffffffff", "09.1.1.1", "1..1", "[::1", "[1.2.3.4]", "[::z]"}) {
            assertThrows(IllegalArgumentException.class, () -> IpLiterals.parseUrlHost(bad), bad);
        }
    }

    @Test
    void bareHostDropsBracketsAndCase() {
        assertEquals("::1", IpLiterals.bareHost("[::1]"));
        assertEquals("example.com", IpLiterals.bareHost("Example.COM"));
        assertTrue(IpLiterals.parse("0.0.0.0").isPresent());
    }
}
