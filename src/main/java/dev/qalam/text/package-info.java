/**
 * Text as Qalam reads, compares, cuts and ranks it, in Arabic and English, for every feature: clean-up of
 * extracted text for clients ({@link dev.qalam.text.TextCleanup}), normalisation for matching
 * ({@link dev.qalam.text.TextNormalizer}), the language of a text ({@link dev.qalam.text.Language}), Lucene
 * analyzers per language and the BM25 settings every index uses ({@link dev.qalam.text.TextAnalyzers}),
 * sentences and paragraphs ({@link dev.qalam.text.TextSplitter}), pages with their headings
 * ({@link dev.qalam.text.PageText}) cut into chunks that keep that structure ({@link dev.qalam.text.Chunker}),
 * and passage ranking for the extractive answerer ({@link dev.qalam.text.PassageRanker}). Depends on nothing
 * else in Qalam.
 */
package dev.qalam.text;
