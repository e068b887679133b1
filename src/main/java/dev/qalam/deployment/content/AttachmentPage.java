package dev.qalam.deployment.content;

import java.util.Optional;

/**
 * One page of an attached document, ready to become context for the model.
 *
 * @param name       the attachment's name (the part's {@code name}, else the document's title or file name)
 * @param pageNumber the page's number in the document, from 1 (1 for a web page or a text)
 * @param text       the page's text; empty when the page has none (a scanned page: see docs/deployment-content.md)
 * @param image      a PNG of the page when screenshots were asked for and the document has a visual form
 */
public record AttachmentPage(String name, int pageNumber, String text, Optional<byte[]> image) {

    @Override
    public String toString() {
        return "AttachmentPage[" + name + " p." + pageNumber + ", " + text.length() + " chars"
                + image.map(i -> ", png " + i.length + " bytes").orElse("") + "]";
    }
}
