/**
 * The OCR API ({@code /v1/ocr/...}): uploads become {@link dev.qalam.ocr.OcrJob}s, processed page by page by
 * the Jakarta Batch job {@code ocr-document} ({@code batch}), with text, page images and thumbnails read back
 * from the JPA entities and the blob store. The per-page extraction itself lives in {@code engine}, free of
 * any container, so that other features (retrieval's PDF ingestion) and the benchmark reuse it.
 *
 * <p>Lifecycle: {@code queued} at upload (the file is already in the blob store), {@code processing} once the
 * batch job runs, {@code done} or {@code error}. Every page commits with its batch checkpoint, so a restart
 * resumes where it stopped ({@link dev.qalam.ocr.OcrJobWorker} finds the jobs a stopped server left behind).
 * Failed jobs that may succeed later are retried with exponential backoff up to the retry cap; jobs past their
 * lifetime lose their files and pages and keep a tombstone row, so that they answer 410 rather than 404.
 */
package dev.qalam.ocr;
