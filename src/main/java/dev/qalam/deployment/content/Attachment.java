package dev.qalam.deployment.content;

import java.util.List;

/**
 * An attached document as read from a {@code url} content part.
 *
 * @param name      the attachment's name
 * @param kind      what it was read as
 * @param source    where it came from: the URL after redirects, or {@code data:<media type>}
 * @param pageCount pages in the whole document
 * @param pages     the selected pages, in order
 */
public record Attachment(String name, Kind kind, String source, int pageCount, List<AttachmentPage> pages) {

    /** The kinds of document a url part may hold. */
    public enum Kind { PDF, HTML, TEXT }

    public Attachment {
        pages = List.copyOf(pages);
    }
}
