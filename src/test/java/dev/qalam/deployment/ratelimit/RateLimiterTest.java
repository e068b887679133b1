package dev.qalam.deployment.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.net.TrustedProxies;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The three limits on in-process buckets, on a clock the tests move. */
class RateLimiterTest {

    /** 02:00 UTC on some day: 22 h before the team window (a day) ends. */
    static final Instant START = Instant.parse("2025-03-10T02:00:00Z");

    final ManualClock clock = new ManualClock(START);

    RateLimiter limiter(long ip, long deployment, long teamTrial) {
        return limiter(ip, deployment, teamTrial, 1000);
    }

    RateLimiter limiter(long ip, long deployment, long teamTrial, long maxBuckets) {
        RateLimitSettings s = new RateLimitSettings(ip, deployment, Duration.ofSeconds(60), teamTrial,
                Duration.ofDays(1), TrustedProxies.none(), Optional.empty(), "", maxBuckets);
        return RateLimiter.create(s, clock);
    }

    static RateLimitRequest req(String ip, String deployment, TeamQuota team) {
        return new RateLimitRequest(ip, "team1", deployment, team);
    }

    static RateLimitRequest req(String ip) {
        return req(ip, "dep1", TeamQuota.unlimited());
    }

    @Test
    void addressLimitRefusesTheNextRequestAndSaysWhenToRetry() {
        RateLimiter l = limiter(3, 100, 10);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.acquire(req("203.0.113.1")).allowed());
        }
        RateLimitDecision refused = l.acquire(req("203.0.113.1"));
        assertFalse(refused.allowed());
        // 3 per 60 s refills one request every 20 s.
        assertEquals(Duration.ofSeconds(20), refused.retryAfter());
        Map<String, String> h = refused.headers();
        assertEquals("3", h.get("X-RateLimit-Limit"));
        assertEquals("0", h.get("X-RateLimit-Remaining"));
        assertEquals("60", h.get("X-RateLimit-Reset"));
        assertEquals("ip", h.get("X-RateLimit-Scope"));
        assertEquals("20", h.get("Retry-After"));
        // Another address is not affected.
        assertTrue(l.acquire(req("203.0.113.2")).allowed());
    }

    @Test
    void tokensComeBackContinuously() {
        RateLimiter l = limiter(3, 100, 10);
        for (int i = 0; i < 3; i++) {
            l.acquire(req("a"));
        }
        clock.advance(Duration.ofSeconds(19));
        assertFalse(l.acquire(req("a")).allowed());
        clock.advance(Duration.ofSeconds(1));
        RateLimitDecision d = l.acquire(req("a"));
        assertTrue(d.allowed());
        assertEquals(0, d.reported().orElseThrow().remaining());
        clock.advance(Duration.ofSeconds(60));
        assertEquals("2", l.acquire(req("a")).headers().get("X-RateLimit-Remaining"));
    }

    @Test
    void deploymentLimitIsSharedByEveryAddress() {
        RateLimiter l = limiter(100, 2, 10);
        assertTrue(l.acquire(req("a")).allowed());
        assertTrue(l.acquire(req("b")).allowed());
        RateLimitDecision d = l.acquire(req("c"));
        assertFalse(d.allowed());
        assertEquals(LimitScope.DEPLOYMENT, d.reported().orElseThrow().scope());
        assertEquals(Duration.ofSeconds(30), d.retryAfter());
        assertTrue(l.acquire(req("c", "dep2", TeamQuota.unlimited())).allowed(), "another deployment");
    }

    @Test
    void headersDescribeTheMostConstrainedLimit() {
        RateLimiter l = limiter(10, 3, 5);
        RateLimitDecision d = l.acquire(req("a"));
        assertEquals("deployment", d.headers().get("X-RateLimit-Scope"));
        assertEquals("3", d.headers().get("X-RateLimit-Limit"));
        assertEquals("2", d.headers().get("X-RateLimit-Remaining"));
        assertFalse(d.headers().containsKey("Retry-After"));

        d = l.acquire(req("a", "dep2", TeamQuota.of(false, 2L)));
        assertEquals("team", d.headers().get("X-RateLimit-Scope"));
        assertEquals("1", d.headers().get("X-RateLimit-Remaining"));
        assertEquals(Long.toString(Duration.ofHours(22).toSeconds()), d.headers().get("X-RateLimit-Reset"));
    }

    @Test
    void teamLimitAppliesToTrialTeamsAndToTeamsWithTheirOwn() {
        RateLimiter l = limiter(1000, 1000, 2);
        for (int i = 0; i < 5; i++) {
            assertTrue(l.acquire(req("a", "d" + i, TeamQuota.unlimited())).allowed(), "no team limit");
        }
        assertTrue(l.acquire(new RateLimitRequest("a", "trial", "d", TeamQuota.trialDefault())).allowed());
        assertTrue(l.acquire(new RateLimitRequest("a", "trial", "d", TeamQuota.trialDefault())).allowed());
        RateLimitDecision d = l.acquire(new RateLimitRequest("a", "trial", "d", TeamQuota.trialDefault()));
        assertFalse(d.allowed());
        assertEquals(LimitScope.TEAM, d.reported().orElseThrow().scope());
        assertEquals(Duration.ofHours(22), d.retryAfter());
        assertEquals("Rate limit reached for your team: 2 requests per day. Retry after 79200 s.",
                d.refusal().getMessage());

        TeamQuota own = new TeamQuota(false, OptionalLong.of(1));
        assertTrue(l.acquire(new RateLimitRequest("a", "paid", "d", own)).allowed());
        assertFalse(l.acquire(new RateLimitRequest("a", "paid", "d", own)).allowed());
        assertTrue(l.acquire(new RateLimitRequest("a", "paid", "d", TeamQuota.of(false, 3L))).allowed(),
                "a new limit for the team starts a fresh bucket");
    }

    @Test
    void theTeamWindowStartsAgainAtMidnightUtc() {
        RateLimiter l = limiter(1000, 1000, 1);
        RateLimitRequest r = req("a", "d", TeamQuota.trialDefault());
        assertTrue(l.acquire(r).allowed());
        assertFalse(l.acquire(r).allowed());
        clock.advance(Duration.ofHours(22).minusSeconds(1));
        RateLimitDecision last = l.acquire(r);
        assertFalse(last.allowed());
        assertEquals("1", last.headers().get("Retry-After"));
        clock.advance(Duration.ofSeconds(1));
        RateLimitDecision fresh = l.acquire(r);
        assertTrue(fresh.allowed(), "00:00 UTC");
        assertEquals(Long.toString(Duration.ofDays(1).toSeconds()), fresh.headers().get("X-RateLimit-Reset"));
    }

    @Test
    void aRefusedRequestConsumesNoOtherLimit() {
        RateLimiter l = limiter(5, 9, 2);
        RateLimitRequest trial = req("a", "d", TeamQuota.trialDefault());
        assertTrue(l.acquire(trial).allowed());
        assertTrue(l.acquire(trial).allowed());
        for (int i = 0; i < 20; i++) {
            assertEquals(LimitScope.TEAM, l.acquire(trial).reported().orElseThrow().scope());
        }
        // The address and the deployment gave back what the team refused: 3 of the address's 5 remain.
        RateLimitRequest paid = req("a", "d", TeamQuota.unlimited());
        for (int i = 0; i < 3; i++) {
            assertTrue(l.acquire(paid).allowed(), "request " + i);
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(LimitScope.IP, l.acquire(paid).reported().orElseThrow().scope());
        }
        // An address over its limit did not drain the deployment that others share: 4 of its 9 remain.
        RateLimitRequest other = req("b", "d", TeamQuota.unlimited());
        for (int i = 0; i < 4; i++) {
            assertTrue(l.acquire(other).allowed(), "request " + i);
        }
        RateLimitDecision d = l.acquire(other);
        assertFalse(d.allowed());
        assertEquals(LimitScope.DEPLOYMENT, d.reported().orElseThrow().scope());
    }

    @Test
    void aCountOfZeroSwitchesALimitOff() {
        RateLimiter l = limiter(0, 0, 0);
        RateLimitDecision d = l.acquire(req("a", "d", TeamQuota.trialDefault()));
        assertTrue(d.allowed());
        assertTrue(d.headers().isEmpty());
        assertTrue(l.acquire(req("a", "d", TeamQuota.of(true, 1L))).allowed());
        assertFalse(l.acquire(req("a", "d", TeamQuota.of(true, 1L))).allowed(), "a team's own limit still applies");
    }

    @Test
    void inProcessBucketsAreBoundedAndForgottenOnceFull() {
        LocalBucketStore store = new LocalBucketStore(100, clock);
        RateLimiter l = new RateLimiter(settings(), store, store, clock);
        for (int i = 0; i < 1000; i++) {
            l.acquire(new RateLimitRequest("10.0." + (i / 256) + "." + (i % 256), "t", "d", TeamQuota.unlimited()));
        }
        assertTrue(store.size() <= 100, "at most 100 buckets, has " + store.size());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(0, store.size(), "idle buckets are full again and dropped");
    }

    @Test
    void whenTheSharedStoreFailsTheLimitsHoldPerServer() {
        BucketStore broken = new BucketStore() {
            @Override
            public Bucket bucket(String key, BucketConfiguration config, Duration idle, boolean sliding) {
                throw new IllegalStateException("Redis is down");
            }

            @Override
            public void close() {
            }
        };
        RateLimiter l = new RateLimiter(settings(), broken, new LocalBucketStore(10, clock), clock);
        assertTrue(l.acquire(req("a")).allowed());
        assertTrue(l.acquire(req("a")).allowed());
        assertFalse(l.acquire(req("a")).allowed());
    }

    @Test
    void theRefusalIsA429WithRetryAfter() {
        RateLimiter l = limiter(1, 10, 10);
        l.acquire(req("a"));
        RateLimitDecision d = l.acquire(req("a"));
        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, d::orThrow);
        assertEquals(429, e.status());
        assertEquals("rate_limit_exceeded", e.code());
        assertEquals("rate_limit_error", e.type());
        assertEquals(Duration.ofSeconds(60), e.retryAfter());
        assertEquals("Rate limit reached for your IP address: 1 requests per 60 s. Retry after 60 s.", e.getMessage());
        assertThrows(IllegalStateException.class, () -> l.acquire(req("b")).refusal());
    }

    @Test
    void resetRoundsUp() {
        assertEquals(1, RateLimitDecision.ceilSeconds(Duration.ofNanos(1)));
        assertEquals(1, RateLimitDecision.ceilSeconds(Duration.ofMillis(1000)));
        assertEquals(2, RateLimitDecision.ceilSeconds(Duration.ofMillis(1001)));
        assertEquals(0, RateLimitDecision.ceilSeconds(Duration.ZERO));
    }

    static RateLimitSettings settings() {
        return new RateLimitSettings(2, 100, Duration.ofSeconds(60), 10, Duration.ofDays(1), TrustedProxies.none(),
                Optional.empty(), "", 1000);
    }
}
