/**
 * The embedded search index ({@code QALAM_SEARCH=lucene}, the default): Apache Lucene 9.12 in
 * {@code QALAM_DATA_DIR/index/lucene-v<analysis version>}, one server per folder. Commits before every
 * write returns; searches see a write as soon as it returns; a missing or unreadable index is replaced by
 * an empty one for the ingestion side to rebuild from the database.
 */
package dev.qalam.search.lucene;
