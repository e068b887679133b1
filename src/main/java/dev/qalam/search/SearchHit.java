package dev.qalam.search;

import java.util.List;

/**
 * One result of a search.
 *
 * @param score the fused relevance, 0..1, higher is better; what clients print (docs/search.md)
 * @param lexical the BM25 side, 0..1: the chunk's BM25 over the best BM25 among the candidates (0 when
 *     its words did not match)
 * @param semantic the vector side, 0..1: the cosine similarity to the query (0 for no vector or a negative cosine)
 * @param directHit the chunk holds the query's key terms (see {@link #matchedTerms()}): a literal answer
 *     rather than a related passage; this is the API's {@code is_direct_hit}
 * @param snippet text around the sentence that best matches the query, at most about 300 characters,
 *     with "…" where it was cut
 * @param matchedTerms the query's key terms (analysed forms) that the chunk holds
 */
public record SearchHit(StoredChunk chunk, double score, double lexical, double semantic, boolean directHit,
        String snippet, List<String> matchedTerms) {
}
