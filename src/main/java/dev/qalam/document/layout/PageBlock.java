package dev.qalam.document.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * A region of an OCR page in reading order: a text block, or a ruled table with its rows of cells in
 * reading order (right to left in an Arabic table). The box is in fractions of the page's width and height
 * (0..1, from the top left), so that it applies to the stored page image at any resolution.
 *
 * @param type "text" or "table"
 * @param rows for a table, its rows, each the cells' texts in reading order; null for text
 */
public record PageBlock(String type, Bounds bbox, String text, List<List<String>> rows) {

    public static final String TEXT = "text";
    public static final String TABLE = "table";

    /** Cells of a table row are separated by this in the page's text. */
    public static final String CELL_SEPARATOR = " | ";

    /** A box in fractions of the page (rounded to 4 decimals). */
    public record Bounds(double x, double y, double width, double height) {
        public static Bounds of(RuledLayout.Box box, int pageWidth, int pageHeight) {
            return new Bounds(round((double) box.x() / pageWidth), round((double) box.y() / pageHeight),
                    round((double) box.width() / pageWidth), round((double) box.height() / pageHeight));
        }

        private static double round(double v) {
            return Math.round(Math.max(0, Math.min(1, v)) * 10_000) / 10_000.0;
        }
    }

    public static PageBlock text(Bounds bbox, String text) {
        return new PageBlock(TEXT, bbox, text, null);
    }

    /** A table from its rows (cells in reading order); its text is one row a line, cells separated by {@link #CELL_SEPARATOR}. */
    public static PageBlock table(Bounds bbox, List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            copy.add(List.copyOf(row));
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(String.join(CELL_SEPARATOR, row).strip());
        }
        return new PageBlock(TABLE, bbox, sb.toString(), List.copyOf(copy));
    }

    /**
     * Whether a table reads right to left: more Arabic letters than Latin ones in its cells. A table of
     * numbers only keeps the page's direction, {@code pageRtl}.
     */
    public static boolean rightToLeft(List<String> texts, boolean pageRtl) {
        long arabic = 0;
        long latin = 0;
        for (String t : texts) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (Character.isLetter(c)) {
                    if (Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC) {
                        arabic++;
                    } else if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                        latin++;
                    }
                }
            }
        }
        return arabic == latin ? pageRtl : arabic > latin;
    }
}
