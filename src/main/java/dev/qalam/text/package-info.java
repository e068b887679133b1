/**
 * Text as Qalam reads, compares and ranks it, in Arabic and English, for every feature: clean-up of
 * extracted text for clients ({@link dev.qalam.text.TextCleanup}), normalisation for matching
 * ({@link dev.qalam.text.TextNormalizer}), the language of a text ({@link dev.qalam.text.Language}), Lucene
 * analyzers per language and BM25 settings shared by every index ({@link dev.qalam.text.TextAnalyzers}),
 * sentence and paragraph splitting, and passage ranking for the extractive answerer
 * ({@link dev.qalam.text.PassageRanker}). Depends on nothing else in Qalam.
 */
package dev.qalam.text;
