package dev.qalam.ocr;

import dev.qalam.platform.errors.ApiException;

/**
 * The thumbnails/images pagination: {@code start} is a 0-based page offset, {@code limit} 1..50 (default 10);
 * the window is pages {@code start+1 .. end} and {@code has_more} says whether pages follow.
 *
 * @param start offset of the first page
 * @param end   offset after the last page (exclusive), at most the page count
 */
public record PageWindow(int start, int end, int totalPages) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;

    public static PageWindow of(Integer start, Integer limit, int totalPages) {
        int s = start == null ? 0 : start;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (s < 0) {
            throw ApiException.badRequest("invalid_start", "start must be >= 0.");
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (s > 0 && s >= totalPages) {
            throw ApiException.badRequest("invalid_start",
                    "start must be less than total_pages (" + totalPages + ").");
        }
        return new PageWindow(s, (int) Math.min((long) s + l, totalPages), totalPages);
    }

    public int firstPage() {
        return start + 1;
    }

    public int lastPage() {
        return end;
    }

    public boolean hasMore() {
        return end < totalPages;
    }
}
