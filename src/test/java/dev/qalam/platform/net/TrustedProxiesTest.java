package dev.qalam.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** X-Forwarded-For is believed only as far as trusted proxies vouch for it: the rightmost untrusted address. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7 ,fd00::/8");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertEquals("203.0.113.9", TrustedProxies.none().clientAddress("203.0.113.9", List.of("1.2.3.4")));
        assertEquals("203.0.113.9", TrustedProxies.parse("").clientAddress("203.0.113.9", List.of("1.2.3.4")));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSends() {
        assertEquals("203.0.113.9", proxies.clientAddress("203.0.113.9", List.of("10.0.0.5, 1.2.3.4")));
    }

    @Test
    void rightmostUntrustedAddressBehindTrustedProxies() {
        // The client forged "6.6.6.6"; the edge proxy appended the real peer 198.51.100.20.
        assertEquals("198.51.100.20",
                proxies.clientAddress("10.0.0.2", List.of("6.6.6.6, 198.51.100.20, 10.0.0.9")));
        assertEquals("198.51.100.20",
                proxies.clientAddress("192.168.1.7", List.of("6.6.6.6", "198.51.100.20", "10.1.1.1")));
        assertEquals("198.51.100.20", proxies.clientAddress("10.0.0.2", List.of("198.51.100.20")));
    }

    @Test
    void portsBracketsAndIpv6() {
        assertEquals("198.51.100.20", proxies.clientAddress("10.0.0.2", List.of("198.51.100.20:5555")));
        assertEquals("2001:db8:0:0:0:0:0:7", proxies.clientAddress("fd00::1", List.of("[2001:db8::7]:443")));
        assertEquals("2001:db8:0:0:0:0:0:7", proxies.clientAddress("::ffff:10.0.0.2", List.of("2001:db8::7")));
    }

    @Test
    void allTrustedMeansTheLeftmostAndGarbageStopsAtTheHopThatReportedIt() {
        assertEquals("10.9.9.9", proxies.clientAddress("10.0.0.2", List.of("10.9.9.9, 10.0.0.3")));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", List.of()));
        assertEquals("10.0.0.3", proxies.clientAddress("10.0.0.2", List.of("1.2.3.4, unknown, 10.0.0.3")));
        assertEquals("10.0.0.2", proxies.clientAddress("10.0.0.2", List.of("_hidden")));
    }

    @Test
    void badSettingNamesItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse("10.0.0.0/8, proxy.internal"));
        assertTrue(e.getMessage().contains(TrustedProxies.SETTING) && e.getMessage().contains("proxy.internal"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("::/129"));
    }

    @Test
    void rangesMatchMappedIpv4() {
        IpRange r = IpRange.parse("10.0.0.0/8");
        assertTrue(r.contains(IpLiterals.parse("10.200.0.1").orElseThrow()));
        assertEquals("10.0.0.0/8", IpRange.parse("10.1.2.3/8").toString());
    }
}
