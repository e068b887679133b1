package dev.qalam.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OcrConfigTest {

    @Test
    void retriesBackOffExponentially() {
        OcrConfig c = new OcrConfig();
        c.retryBackoffSeconds = 30;
        c.maxRetries = 3;
        assertEquals(Duration.ofSeconds(30), c.retries().backoff(0));
        assertEquals(Duration.ofSeconds(60), c.retries().backoff(1));
        assertEquals(Duration.ofSeconds(120), c.retries().backoff(2));
        assertTrue(c.retries().backoff(1000).compareTo(Duration.ofDays(365)) < 0, "bounded, no overflow");
        assertTrue(c.retries().allowsAnother(2));
        assertFalse(c.retries().allowsAnother(3));
    }

    @Test
    void sizesAndDefaults() {
        OcrConfig c = new OcrConfig();
        c.maxUploadMb = 100;
        c.lifetimeHours = 24;
        assertEquals(100L * 1024 * 1024, c.maxUploadBytes());
        assertEquals(Duration.ofHours(24), c.lifetime());
    }
}
