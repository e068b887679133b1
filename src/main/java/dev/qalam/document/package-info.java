/**
 * Documents to pages, for every feature that reads them (the OCR jobs, the extractive answerer's attachments
 * and retrieval's ingestion), with no container: what an upload is, whether it is safe to decode, how many
 * pages it has, and each page's text (and, for OCR, its images).
 *
 * <p>A page's PDF text layer is taken when {@link dev.qalam.document.TextLayerHeuristic} finds it usable
 * (born-digital pages: milliseconds instead of a second of OCR, and exact); otherwise the page is rendered at
 * 300 dpi, deskewed by Leptonica and read by Tesseract {@code ara+eng} through a small pool of initialised
 * native handles, one per page being read ({@link dev.qalam.document.TesseractEngine}), so the language
 * models load once per thread rather than once per page as the CLI does.
 */
package dev.qalam.document;
