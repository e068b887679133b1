/**
 * The {@code retrieval-ingest} Jakarta Batch job: step {@code extract} reads a document's pages one chunk
 * at a time (text layer, OCR for PDF pages without one, DOCX/PPTX/text through the {@code document}
 * package), storing each page, and its OCR charge, with the step's checkpoint; step {@code index} cuts the
 * stored pages into chunks (deterministically, so a restart cuts the same ones), embeds them a batch at a
 * time, stores them with their vectors and writes them to the search index. Readers skip units already
 * stored, so a new execution after a takeover redoes nothing; the index upsert is idempotent by chunk id.
 */
package dev.qalam.retrieval.batch;
