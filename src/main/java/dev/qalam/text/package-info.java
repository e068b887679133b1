/**
 * Text as Qalam reads, compares, cuts and ranks it, in Arabic and English, for every feature: clean-up of
 * extracted text for clients ({@link dev.qalam.text.TextCleanup}), normalisation for matching
 * ({@link dev.qalam.text.TextNormalizer}), the language of a text ({@link dev.qalam.text.Language}),
 * Qalam's one analysis chain and its BM25 settings, shared by the search index of both engines and the
 * extractive answerer ({@link dev.qalam.text.TextAnalysis}),
 * sentences and paragraphs ({@link dev.qalam.text.TextSplitter}), pages with their headings
 * ({@link dev.qalam.text.PageText}) cut into chunks that keep that structure ({@link dev.qalam.text.Chunker}),
 * and passage ranking for the extractive answerer ({@link dev.qalam.text.PassageRanker}). Depends on nothing
 * else in Qalam.
 */
package dev.qalam.text;
