package dev.qalam.document;

/**
 * One page's result.
 *
 * @param pageNum     1-based
 * @param text        cleaned text
 * @param numSegments text lines found on the page
 * @param elapsed     seconds spent on the page
 * @param method      where the text came from
 * @param imagePng    the page image (PNG), or null when images were not asked for
 * @param thumbnailPng a small PNG of the page, or null when images were not asked for
 */
public record ExtractedPage(int pageNum, String text, int numSegments, double elapsed, Method method,
                            byte[] imagePng, byte[] thumbnailPng) {

    public enum Method { TEXT_LAYER, OCR }
}
