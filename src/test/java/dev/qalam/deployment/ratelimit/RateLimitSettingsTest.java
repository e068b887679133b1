package dev.qalam.deployment.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defaults as the Deployment API documents them; every wrong setting is named. */
class RateLimitSettingsTest {

    static RateLimitSettings from(Map<String, String> values) {
        return RateLimitSettings.from(name -> Optional.ofNullable(values.get(name)));
    }

    @Test
    void defaults() {
        RateLimitSettings s = RateLimitSettings.defaults();
        assertEquals(1500, s.ipRequests());
        assertEquals(300, s.deploymentRequests());
        assertEquals(Duration.ofSeconds(60), s.window());
        assertEquals(1000, s.teamTrialRequests());
        assertEquals(Duration.ofDays(1), s.teamWindow());
        assertTrue(s.trustedProxies().isEmpty());
        assertFalse(s.shared());
        assertEquals("qalam:rate:", s.redisPrefix());
        assertEquals(100_000, s.localMaxBuckets());
    }

    @Test
    void shortWindowsForTestsAndRedis() {
        RateLimitSettings s = from(Map.of("QALAM_RATE_WINDOW_SECONDS", "2.5", "QALAM_RATE_TEAM_WINDOW_SECONDS", "5",
                "REDIS_URL", "redis://:secret@127.0.0.1:6379/0", "QALAM_TRUSTED_PROXIES", "10.0.0.0/8",
                "QALAM_RATE_IP_REQUESTS", " 0 "));
        assertEquals(Duration.ofMillis(2500), s.window());
        assertEquals(Duration.ofSeconds(5), s.teamWindow());
        assertTrue(s.shared());
        assertEquals(0, s.ipRequests());
        assertFalse(s.toString().contains("secret"), s.toString());
    }

    @Test
    void badValuesNameTheirSetting() {
        for (Map.Entry<String, String> bad : Map.of("QALAM_RATE_IP_REQUESTS", "many",
                "QALAM_RATE_WINDOW_SECONDS", "1m", "QALAM_TRUSTED_PROXIES", "proxy.lan").entrySet()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> from(Map.of(bad.getKey(),
                    bad.getValue())));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("QALAM_RATE_DEPLOYMENT_REQUESTS", "-1")));
        assertThrows(IllegalArgumentException.class, () -> from(Map.of("QALAM_RATE_WINDOW_SECONDS", "0")));
        assertThrows(IllegalArgumentException.class, () -> TeamQuota.of(true, 0L));
    }
}
