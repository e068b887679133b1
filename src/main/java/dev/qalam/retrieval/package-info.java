/**
 * alRetrieval (docs/retrieval.md): collections of documents owned by a team or key, ingested as tracked batch
 * jobs ({@code batch}: extract pages, chunk, embed, index) and searched with the hybrid index of the
 * {@code search} package. {@link dev.qalam.retrieval.RetrievalService} is the entry point for other features
 * (the Deployment API), {@link dev.qalam.retrieval.CollectionsResource} the API. Chunks and their vectors are
 * kept in the database, so a lost index is rebuilt from it ({@link dev.qalam.retrieval.IndexRebuild}).
 */
package dev.qalam.retrieval;
