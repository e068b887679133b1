/**
 * How the search index reads text: one analysis chain, defined once ({@link dev.qalam.search.analysis.TextAnalysis})
 * as a list of named token filters that both Apache Lucene (its analysis SPI names) and OpenSearch (its
 * built-in filter names) provide, so the embedded index and an OpenSearch index turn the same text into
 * the same terms. The contract test compares the two token by token.
 *
 * <p>Per-language analysis is per script: the Arabic steps (normalisation of alef, yaa, taa marbuta,
 * tatweel and diacritics; Persian letter forms that OCR produces; light stemming) only change Arabic
 * letters, the English ones (possessive, Porter stemming) only Latin ones, and digits of every script
 * become ASCII. One chain therefore analyses Arabic, English and mixed chunks (an Arabic contract quoting
 * English product names), and a query needs no language detection, which is least reliable on the few
 * words of a query.
 *
 * <p>{@link dev.qalam.search.analysis.KeywordNormalizer} is the same normalisation without tokenising or
 * stemming, for metadata values.
 */
package dev.qalam.search.analysis;
