package dev.qalam.search;

import java.util.List;

/**
 * The hits of a search, best first, and the query's key terms (its analysed, non-stop-word terms) that
 * {@link SearchHit#directHit()} was judged by.
 */
public record SearchResults(List<SearchHit> hits, List<String> keyTerms) {
}
