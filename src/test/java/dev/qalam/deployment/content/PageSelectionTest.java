package dev.qalam.deployment.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The select_pages grammar of the Deployment API: "1-5", "1,3,5", "1-3,7,9-11". */
class PageSelectionTest {

    static List<Integer> pages(String spec, int count) {
        return PageSelection.parse(spec).pages(count);
    }

    static ApiException refused(String spec, int count) {
        ApiException e = assertThrows(ApiException.class, () -> PageSelection.parse(spec).pages(count), spec);
        assertEquals(400, e.status());
        assertEquals("invalid_select_pages", e.code());
        return e;
    }

    @Test
    void theDocumentedForms() {
        assertEquals(List.of(1, 2, 3, 4, 5), pages("1-5", 20));
        assertEquals(List.of(1, 3, 5), pages("1,3,5", 20));
        assertEquals(List.of(1, 2, 3, 7, 9, 10, 11), pages("1-3,7,9-11", 20));
        assertEquals(List.of(1, 2, 3, 5, 8, 9, 10), pages("1-3,5,8-10", 10));
    }

    @Test
    void spacesOverlapsAndOrderAreForgiven() {
        assertEquals(List.of(2, 3, 4, 5, 9), pages(" 9, 2 - 4 ,3-5 ", 9));
        assertEquals(List.of(4), pages("4-4", 4));
        assertEquals(List.of(1, 2, 3), PageSelection.all(3));
    }

    @Test
    void malformedSelections() {
        for (String bad : new String[] {"1-", "-3", "a", "1,,2", "1-3-5", "1.5", "+1", "1;2", "one", ",1", "1,",
                "١-٣", "0x2"}) {
            ApiException e = refused(bad, 100);
            assertTrue(e.getMessage().contains("options.select_pages"), e.getMessage());
        }
        assertTrue(refused("", 5).getMessage().contains("empty"));
        assertTrue(refused("  ", 5).getMessage().contains("empty"));
        assertTrue(refused("x".repeat(1001), 5).getMessage().contains("longer than 1000"));
    }

    @Test
    void reversedRangesAndPageZero() {
        assertEquals("'options.select_pages' has the range \"5-1\", which goes backwards; write \"1-5\".",
                refused("5-1", 10).getMessage());
        assertEquals("'options.select_pages' names page 0; pages are numbered from 1.", refused("0-3", 10).getMessage());
        assertTrue(refused("99999999999", 10).getMessage().contains("which no document has"));
    }

    @Test
    void outOfRangeOfTheDocument() {
        assertEquals("'options.select_pages' selects page 7, but the document has 3 pages.",
                refused("1-3,7", 3).getMessage());
        assertEquals("'options.select_pages' selects page 2, but the document has 1 page.",
                refused("2", 1).getMessage());
    }
}
