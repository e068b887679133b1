/**
 * The {@code ocr-document} Jakarta Batch job: one partitioned chunk step over the pages of a document.
 * Partition {@code i} of {@code n} takes pages {@code i+1, i+1+n, ...}; each chunk is one page, so a page's
 * row, its charge to the page balance and the partition's checkpoint commit in one XA transaction, and the
 * job's progress moves page by page. Readers also skip pages already stored, which makes a fresh execution
 * (when a restart is impossible) as safe as a restart.
 */
package dev.qalam.ocr.batch;
