package dev.qalam.deployment.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The url content part as the Deployment API documents it, with a 400 naming each wrong field. */
class UrlPartTest {

    static JsonObject json(String s) {
        try (var r = Json.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    static UrlPart part(String s) {
        return UrlPart.fromJson(json(s), "messages[0].content[1]");
    }

    static ApiException refused(String s) {
        ApiException e = assertThrows(ApiException.class, () -> part(s), s);
        assertEquals(400, e.status());
        return e;
    }

    @Test
    void theDocumentedExamples() {
        UrlPart p = part("""
                {"type": "url", "url": "https://doompdf.pages.dev/doom.pdf",
                 "options": {"select_pages": "1-5", "include_page_screenshot_as_image": true}}""");
        assertEquals("https://doompdf.pages.dev/doom.pdf", p.url());
        assertEquals(List.of(1, 2, 3, 4, 5), p.selectPages().orElseThrow().pages(10));
        assertTrue(p.includePageScreenshotAsImage());
        assertTrue(p.name().isEmpty());

        p = part("""
                {"type": "url", "url": "data:text/html;base64,SGVsbG8gV29ybGQ=", "name": "Example Page",
                 "options": {"include_page_screenshot_as_image": true}}""");
        assertEquals("Example Page", p.name().orElseThrow());
        assertTrue(p.selectPages().isEmpty());

        p = part("{\"type\":\"url\",\"url\":\"https://example.com\",\"name\":null,\"options\":null}");
        assertFalse(p.includePageScreenshotAsImage());
    }

    @Test
    void wrongFieldsAreNamed() {
        assertEquals("'messages[0].content[1].url' is required.", refused("{\"type\":\"url\"}").getMessage());
        assertEquals("'messages[0].content[1].url' must be a string.", refused("{\"type\":\"url\",\"url\":5}").getMessage());
        assertTrue(refused("{\"type\":\"url\",\"url\":\"  \"}").getMessage().contains("url"));
        assertTrue(refused("{\"type\":\"image\",\"url\":\"x\"}").getMessage().contains(".type"));
        assertTrue(refused("{\"type\":\"url\",\"url\":\"x\",\"options\":[]}").getMessage().contains(".options'"));
        assertTrue(refused("{\"type\":\"url\",\"url\":\"x\",\"options\":{\"pages\":\"1\"}}").getMessage()
                .contains(".options.pages"));
        assertTrue(refused("{\"type\":\"url\",\"url\":\"x\",\"extra\":1}").getMessage().contains(".extra"));
        assertTrue(refused("{\"type\":\"url\",\"url\":\"x\",\"options\":{\"include_page_screenshot_as_image\":\"yes\"}}")
                .getMessage().contains("true or false"));
        assertTrue(refused("{\"type\":\"url\",\"url\":\"x\",\"options\":{\"select_pages\":3}}").getMessage()
                .contains("must be a string"));
    }

    @Test
    void aMalformedSelectionIsRefusedBeforeAnythingIsFetched() {
        ApiException e = refused("{\"type\":\"url\",\"url\":\"https://example.com/a.pdf\",\"options\":{\"select_pages\":\"3-1\"}}");
        assertEquals("invalid_select_pages", e.code());
    }
}
