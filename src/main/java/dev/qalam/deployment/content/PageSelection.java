package dev.qalam.deployment.content;

import dev.qalam.platform.errors.ApiException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The {@code options.select_pages} of a {@code url} content part: single pages and ranges separated by commas,
 * such as {@code "1-5"}, {@code "1,3,5"} or {@code "1-3,7,9-11"} (spaces around numbers are allowed). Pages
 * are numbered from 1; a range goes upwards ({@code "5-1"} is an error); overlaps are merged. Whether the pages
 * exist is checked against the document once its page count is known ({@link #pages(int)}).
 */
public final class PageSelection {

    public static final String CODE = "invalid_select_pages";
    static final String PARAM = "options.select_pages";
    private static final int MAX_LENGTH = 1000;

    private record Range(int first, int last) {
    }

    private final String text;
    private final List<Range> ranges;

    private PageSelection(String text, List<Range> ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /**
     * Reads a selection.
     *
     * @throws ApiException 400 {@code invalid_select_pages} naming what is wrong
     */
    public static PageSelection parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("'" + PARAM + "' is empty; leave it out to take every page, or write pages such as \"1-3,5\".");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("'" + PARAM + "' is longer than " + MAX_LENGTH + " characters.");
        }
        List<Range> ranges = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String s = item.strip();
            if (s.isEmpty()) {
                throw malformed(text, "an empty item between commas");
            }
            int dash = s.indexOf('-');
            if (dash < 0) {
                int page = number(text, s);
                ranges.add(new Range(page, page));
            } else {
                int first = number(text, s.substring(0, dash).strip());
                int last = number(text, s.substring(dash + 1).strip());
                if (last < first) {
                    throw invalid("'" + PARAM + "' has the range \"" + s + "\", which goes backwards; write \""
                            + last + "-" + first + "\".");
                }
                ranges.add(new Range(first, last));
            }
        }
        return new PageSelection(text, List.copyOf(ranges));
    }

    /**
     * The selected pages of a document of {@code pageCount} pages, in ascending order without repeats.
     *
     * @throws ApiException 400 {@code invalid_select_pages} when a selected page does not exist
     */
    public List<Integer> pages(int pageCount) {
        int highest = ranges.stream().mapToInt(Range::last).max().orElse(0);
        if (highest > pageCount) {
            throw invalid("'" + PARAM + "' selects page " + highest + ", but the document has " + pageCount
                    + (pageCount == 1 ? " page." : " pages."));
        }
        BitSet selected = new BitSet(pageCount + 1);
        for (Range r : ranges) {
            selected.set(r.first(), r.last() + 1);
        }
        return selected.stream().boxed().toList();
    }

    /** Every page of a document of {@code pageCount} pages: what an absent selection means. */
    public static List<Integer> all(int pageCount) {
        List<Integer> pages = new ArrayList<>(pageCount);
        for (int i = 1; i <= pageCount; i++) {
            pages.add(i);
        }
        return pages;
    }

    @Override
    public String toString() {
        return text;
    }

    private static int number(String text, String s) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(text, "\"" + s + "\" is not a page number");
        }
        if (s.length() > 9) {
            throw invalid("'" + PARAM + "' names page " + s + ", which no document has.");
        }
        int page = Integer.parseInt(s);
        if (page < 1) {
            throw invalid("'" + PARAM + "' names page 0; pages are numbered from 1.");
        }
        return page;
    }

    private static ApiException malformed(String text, String what) {
        return invalid("'" + PARAM + "' is not valid (" + what + "): \"" + abbreviate(text)
                + "\". Use pages and ranges such as \"1-5\", \"1,3,5\" or \"1-3,7,9-11\".");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest(CODE, message);
    }
}
