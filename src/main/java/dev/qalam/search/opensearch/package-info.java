/**
 * The shared search index ({@code QALAM_SEARCH=opensearch}): OpenSearch 2.19 through opensearch-java over
 * httpclient5, one index of one shard that several Qalam servers write and search, with the same analysis,
 * fields, queries and fusion as the embedded index. Vectors use OpenSearch's Lucene k-NN engine only.
 */
package dev.qalam.search.opensearch;
