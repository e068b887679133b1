package dev.qalam.document.layout;

import java.util.Optional;

/**
 * The gutter between two columns of text: a band of white from the top of the text to its bottom, wide
 * enough not to be the space between two words, with text on both sides. Tesseract's own layout analysis
 * finds the columns of a full page, but joins the lines of two short columns across the gutter into one
 * line; a page split here is read column by column instead.
 */
public final class Columns {

    private Columns() {
    }

    /**
     * The widest gutter of an 8-bit grey page (0 black), as the box of white between the columns, if there is
     * one: at least a twenty-fifth of the text's width, with at least a fifth of the text's width and two
     * lines of text on each side (a title split by a wide space is not two columns).
     */
    public static Optional<RuledLayout.Box> gutter(byte[] gray, int width, int height) {
        int[] perColumn = new int[width];
        int[] perRow = new int[height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if ((gray[row + x] & 0xFF) < 128) {
                    perColumn[x]++;
                    perRow[y]++;
                }
            }
        }
        // Specks are not text: a column or row needs a few dark pixels to count.
        int speck = Math.max(2, height / 150);
        int left = first(perColumn, speck);
        int right = last(perColumn, speck);
        int top = first(perRow, Math.max(2, width / 300));
        int bottom = last(perRow, Math.max(2, width / 300));
        if (left < 0 || right - left < 100 || lines(perRow, Math.max(2, width / 300)) < 3) {
            return Optional.empty();
        }
        int span = right - left + 1;
        int minGap = Math.max(12, span / 25);
        int bestStart = -1;
        int bestWidth = 0;
        int start = -1;
        for (int x = left; x <= right + 1; x++) {
            boolean white = x <= right && perColumn[x] <= speck;
            if (white && start < 0) {
                start = x;
            } else if (!white && start >= 0) {
                int gap = x - start;
                boolean sides = start - left >= span / 5 && right - x + 1 >= span / 5;
                if (gap >= minGap && sides && gap > bestWidth) {
                    bestStart = start;
                    bestWidth = gap;
                }
                start = -1;
            }
        }
        if (bestStart < 0 || linesIn(gray, width, height, left, bestStart) < 2
                || linesIn(gray, width, height, bestStart + bestWidth, right + 1) < 2) {
            return Optional.empty();
        }
        return Optional.of(new RuledLayout.Box(bestStart, top, bestWidth, bottom - top + 1));
    }

    /** Lines of text between two x positions (a column needs a few of them). */
    private static int linesIn(byte[] gray, int width, int height, int from, int to) {
        int[] perRow = new int[height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = from; x < to; x++) {
                if ((gray[row + x] & 0xFF) < 128) {
                    perRow[y]++;
                }
            }
        }
        return lines(perRow, Math.max(2, (to - from) / 100));
    }

    private static int first(int[] counts, int min) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > min) {
                return i;
            }
        }
        return -1;
    }

    private static int last(int[] counts, int min) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > min) {
                return i;
            }
        }
        return -1;
    }

    /** Runs of rows with ink: the lines of text. */
    private static int lines(int[] perRow, int min) {
        int n = 0;
        boolean in = false;
        for (int c : perRow) {
            boolean ink = c > min;
            if (ink && !in) {
                n++;
            }
            in = ink;
        }
        return n;
    }
}
