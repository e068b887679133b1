package dev.qalam.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One page's text with the structure its document kept: headings and paragraphs, in reading order.
 *
 * @param pageNum    1-based, as the document numbers it
 * @param blocks     the page's headings and paragraphs (none for a blank page)
 * @param standalone the page is a unit of its own, as a slide is: text does not run on from the page before,
 *                   and a heading from an earlier page does not carry over to it
 */
public record PageText(int pageNum, List<Block> blocks, boolean standalone) {

    public PageText {
        blocks = List.copyOf(blocks);
    }

    /** A page known only as text (a PDF text layer, OCR): its paragraphs, no headings. */
    public static PageText plain(int pageNum, String text) {
        List<Block> blocks = new ArrayList<>();
        for (String p : TextSplitter.paragraphs(TextCleanup.clean(text))) {
            blocks.add(Block.paragraph(p));
        }
        return new PageText(pageNum, blocks, false);
    }

    /** The page's text: its blocks, headings included, separated by an empty line. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(b.text());
        }
        return sb.toString();
    }

    public boolean isEmpty() {
        return blocks.stream().allMatch(b -> b.text().isBlank());
    }
}
