package dev.qalam.document;

import dev.qalam.document.layout.PageBlock;
import dev.qalam.text.PageText;
import java.util.List;

/**
 * One page's result.
 *
 * @param content      the page's cleaned text and structure (headings, paragraphs)
 * @param numSegments  text lines found on the page (OCR, text layer) or blocks (office and text files)
 * @param elapsed      seconds spent on the page
 * @param method       where the text came from
 * @param imagePng     the page image (PNG), or null when images were not asked for (or the kind has none)
 * @param thumbnailPng a small PNG of the page, or null when images were not asked for
 * @param layout       an OCR page's text blocks and tables in reading order; null for other pages
 */
public record ExtractedPage(PageText content, int numSegments, double elapsed, Method method, byte[] imagePng,
                            byte[] thumbnailPng, List<PageBlock> layout) {

    public ExtractedPage(PageText content, int numSegments, double elapsed, Method method, byte[] imagePng,
                         byte[] thumbnailPng) {
        this(content, numSegments, elapsed, method, imagePng, thumbnailPng, null);
    }

    /**
     * {@code TEXT_LAYER}: a PDF's own text; {@code OCR}: Tesseract on the page image; {@code TEXT}: the
     * text of a DOCX, PPTX or plain-text file.
     */
    public enum Method { TEXT_LAYER, OCR, TEXT }

    /** 1-based. */
    public int pageNum() {
        return content.pageNum();
    }

    /** The page's cleaned text. */
    public String text() {
        return content.text();
    }
}
