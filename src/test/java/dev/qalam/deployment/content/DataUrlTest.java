package dev.qalam.deployment.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** data: URLs as RFC 2397 writes them, bounded before they are decoded. */
class DataUrlTest {

    static final long MAX = 1024;

    @Test
    void base64AndItsVariants() {
        DataUrl d = DataUrl.parse("data:text/html;base64,SGVsbG8gV29ybGQ=", MAX);
        assertEquals("text/html", d.mediaType());
        assertEquals("Hello World", new String(d.bytes(), StandardCharsets.US_ASCII));
        // Line breaks and a percent-encoded padding, as some encoders write them; the URL-safe alphabet too.
        assertEquals("Hello World", new String(DataUrl.parse("DATA:text/html;BASE64,SGVsbG8g\nV29ybGQ%3D", MAX).bytes(),
                StandardCharsets.US_ASCII));
        byte[] binary = {(byte) 0xfb, (byte) 0xff, 0x01};
        assertArrayEquals(binary, DataUrl.parse("data:application/pdf;base64,"
                + Base64.getUrlEncoder().encodeToString(binary), MAX).bytes());
    }

    @Test
    void percentEncodedTextWithCharset() {
        DataUrl d = DataUrl.parse("data:text/plain;charset=UTF-8,%D9%85%D8%B1%D8%AD%D8%A8%D8%A7%20hello", MAX);
        assertEquals("text/plain", d.mediaType());
        assertEquals(StandardCharsets.UTF_8, d.charset().orElseThrow());
        assertEquals("مرحبا hello", new String(d.bytes(), StandardCharsets.UTF_8));
        assertEquals("مرحبا", new String(DataUrl.parse("data:,مرحبا", MAX).bytes(), StandardCharsets.UTF_8));
        assertEquals("text/plain", DataUrl.parse("data:,x", MAX).mediaType());
        assertEquals("text/markdown", DataUrl.parse("data:Text/Markdown;charset=\"utf-8\",# T", MAX).mediaType());
    }

    @Test
    void malformed() {
        for (String bad : new String[] {"data:text/plain;base64", "data:text/plain;base64,@@@@", "data:text/plain,%4",
                "data:text/plain,%zz", "data:te xt/plain,a", "data:text/plain;charset=nope-42,a", "https://x/"}) {
            ApiException e = assertThrows(ApiException.class, () -> DataUrl.parse(bad, MAX), bad);
            assertEquals(400, e.status());
            assertEquals("invalid_data_url", e.code(), bad);
        }
    }

    @Test
    void tooLargeIsRefusedBeforeDecoding() {
        String big = "data:application/pdf;base64," + "A".repeat(4 * 1000);
        ApiException e = assertThrows(ApiException.class, () -> DataUrl.parse(big, 1000));
        assertEquals("document_too_large", e.code());
        assertEquals("The attached document is larger than 1000 bytes.", e.getMessage());
        assertEquals(1000, DataUrl.parse("data:application/pdf;base64," + "A".repeat(4 * 333) + "AA==", 1000).bytes().length);
        assertThrows(ApiException.class, () -> DataUrl.parse("data:," + "a".repeat(1001), 1000));
    }

    @Test
    void printsNoContent() {
        assertFalse(DataUrl.parse("data:,secret", MAX).toString().contains("secret"));
        assertTrue(UrlPart.of("data:text/plain,secret").toString().contains("data:text/plain,..."));
        assertFalse(UrlPart.of("data:text/plain,secret").toString().contains("secret"));
    }
}
