/**
 * Turning a stored document (PDF or a page image) into per-page text and page images, with no container:
 * the OCR jobs use it, and so will retrieval's PDF ingestion and the benchmark.
 *
 * <p>A page's PDF text layer is taken when {@link dev.qalam.ocr.engine.TextLayerHeuristic} finds it usable
 * (born-digital pages: milliseconds instead of a second of OCR, and exact); otherwise the page is rendered at
 * 300 dpi, deskewed by Leptonica and read by Tesseract {@code ara+eng} through a small pool of initialised native handles (one per page being read)
 * ({@link dev.qalam.ocr.engine.TesseractEngine}), so the language models load once per thread rather than
 * once per page as the CLI does.
 */
package dev.qalam.ocr.engine;
