package dev.qalam.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import org.junit.jupiter.api.Test;

class PageWindowTest {

    @Test
    void defaultsToTheFirstTenPages() {
        PageWindow w = PageWindow.of(null, null, 25);
        assertEquals(0, w.start());
        assertEquals(10, w.end());
        assertEquals(1, w.firstPage());
        assertEquals(10, w.lastPage());
        assertTrue(w.hasMore());
    }

    @Test
    void lastWindowIsShortAndHasNoMore() {
        PageWindow w = PageWindow.of(20, 10, 25);
        assertEquals(25, w.end());
        assertEquals(21, w.firstPage());
        assertFalse(w.hasMore());
        assertFalse(PageWindow.of(0, 50, 50).hasMore());
        assertTrue(PageWindow.of(0, 49, 50).hasMore());
    }

    @Test
    void emptyDocumentGivesAnEmptyWindow() {
        PageWindow w = PageWindow.of(0, 10, 0);
        assertEquals(0, w.end());
        assertFalse(w.hasMore());
    }

    @Test
    void outOfRangeIsABadRequest() {
        assertEquals(400, assertThrows(ApiException.class, () -> PageWindow.of(-1, 10, 5)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> PageWindow.of(0, 0, 5)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> PageWindow.of(0, 51, 5)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> PageWindow.of(5, 10, 5)).status());
        assertEquals("invalid_limit", assertThrows(ApiException.class, () -> PageWindow.of(0, 51, 5)).code());
    }

    @Test
    void hugeLimitArithmeticDoesNotOverflow() {
        assertEquals(3, PageWindow.of(2, 50, 3).end());
    }
}
