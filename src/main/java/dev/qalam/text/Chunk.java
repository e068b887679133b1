package dev.qalam.text;

import java.util.List;

/**
 * A piece of a document sized for indexing and embedding.
 *
 * @param index     0-based position in the document
 * @param title     the nearest heading above the text (a slide's title), or the document's title when there is none
 * @param headings  the headings above the text, outermost first (empty when there are none)
 * @param pageStart the page the chunk's first character is on (1-based)
 * @param pageEnd   the page its last character is on
 * @param text      the body text (headings are in {@code title} and {@code headings}, not repeated here,
 *                  except for a section that has nothing but its heading)
 */
public record Chunk(int index, String title, List<String> headings, int pageStart, int pageEnd, String text) {

    public Chunk {
        headings = List.copyOf(headings);
    }
}
