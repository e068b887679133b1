/**
 * Text as Qalam reads, compares and ranks it, in Arabic and English: clean-up of extracted text, bilingual
 * analysis for Lucene, and passage ranking with Lucene's BM25 for the extractive answerer.
 */
package dev.qalam.text;
