package dev.qalam.deployment.content;

import dev.qalam.platform.errors.ApiException;

/** The 400 answers of content parts, each with its own code, worded for the client. */
final class ContentErrors {

    static final String INVALID_PART = "invalid_content_part";
    static final String TOO_LARGE = "document_too_large";
    static final String UNSUPPORTED = "unsupported_content_type";
    static final String INVALID_DOCUMENT = "invalid_document";

    private ContentErrors() {
    }

    static ApiException invalidPart(String message) {
        return ApiException.badRequest(INVALID_PART, message);
    }

    static ApiException tooLarge(long maxBytes) {
        return ApiException.badRequest(TOO_LARGE, "The attached document is larger than " + size(maxBytes) + ".");
    }

    static ApiException tooManyPages(int pages, int max) {
        return ApiException.badRequest(TOO_LARGE, "The attached document has " + pages + " pages; at most " + max
                + " can be read at once. Choose some with options.select_pages, such as \"1-" + max + "\".");
    }

    static ApiException tooManyScreenshots(int pages, int max) {
        return ApiException.badRequest(TOO_LARGE, pages + " page screenshots were asked for; at most " + max
                + " are made at once. Choose fewer pages with options.select_pages.");
    }

    static ApiException unsupported(String mediaType) {
        return ApiException.badRequest(UNSUPPORTED, "Attachments of type \"" + (mediaType.isEmpty() ? "unknown"
                : mediaType) + "\" are not supported; use a PDF, HTML, plain text or Markdown document.");
    }

    static ApiException invalidDocument(String message) {
        return ApiException.badRequest(INVALID_DOCUMENT, message);
    }

    static String size(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1 && mb == Math.rint(mb) ? (long) mb + " MB" : bytes + " bytes";
    }
}
