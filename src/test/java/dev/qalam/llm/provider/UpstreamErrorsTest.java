package dev.qalam.llm.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    @Test
    void statusDecidesRetriability() {
        for (int s : new int[]{408, 429, 500, 502, 503, 504}) {
            assertInstanceOf(RetriableUpstreamException.class, UpstreamErrors.fromStatus("p", s, "m", null, null), "" + s);
        }
        for (int s : new int[]{400, 401, 403, 404, 422}) {
            assertInstanceOf(NonRetriableUpstreamException.class, UpstreamErrors.fromStatus("p", s, "m", null, null), "" + s);
        }
    }

    @Test
    void aLongRetryAfterAbortsInProcessRetries() {
        assertInstanceOf(RateLimitedUpstreamException.class,
                UpstreamErrors.fromStatus("p", 429, "slow down", null, Duration.ofSeconds(2)));
        assertEquals(RetriableUpstreamException.class,
                UpstreamErrors.fromStatus("p", 429, "slow down", null, Duration.ofMillis(100)).getClass());
    }

    @Test
    void readsRetryAfterSecondsAndDates() {
        assertEquals(Duration.ofSeconds(30), UpstreamErrors.parseRetryAfter("30"));
        assertEquals(Duration.ofMillis(1500), UpstreamErrors.parseRetryAfter("1.5"));
        assertEquals(Duration.ZERO, UpstreamErrors.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
        assertEquals(null, UpstreamErrors.parseRetryAfter("soon"));
    }

    @Test
    void errorAnswersLoseTheCredentialsTheRequestCarried() {
        String echoed = "{\"error\":{\"message\":\"Key sk-live-0123456789abcdef is not valid; header was Bearer sk-live-0123456789abcdef\"}}";
        String clean = UpstreamHttp.withoutSecrets(echoed, java.util.Map.of("Authorization", "Bearer sk-live-0123456789abcdef",
                "Accept", "application/json"));
        assertEquals("{\"error\":{\"message\":\"Key [redacted] is not valid; header was [redacted]\"}}", clean);
        assertEquals("AIzaKEY-0123456789 refused -> [redacted] refused",
                "AIzaKEY-0123456789 refused -> " + UpstreamHttp.withoutSecrets("AIzaKEY-0123456789 refused",
                        java.util.Map.of("x-goog-api-key", "AIzaKEY-0123456789")));
    }

    @Test
    void onlyTheProvidersOwnWordsAreMarkedAsSuch() {
        assertEquals(true, UpstreamErrors.fromProvider("p", 400, "bad", null, null).quotesProvider());
        assertEquals(false, UpstreamErrors.fromProvider("p", 400, null, null, null).quotesProvider());
        assertEquals(false, UpstreamErrors.fromStatus("p", 502, "Qalam's words", null, null).quotesProvider());
    }
}
