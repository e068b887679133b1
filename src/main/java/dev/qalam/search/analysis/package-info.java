/**
 * How the search index compares metadata values: {@link dev.qalam.search.analysis.KeywordNormalizer}, the
 * normalisation of Qalam's text-analysis chain ({@link dev.qalam.text.TextAnalysis}, which the index, both
 * engines, and the extractive answerer share) without tokenising or stemming.
 */
package dev.qalam.search.analysis;
