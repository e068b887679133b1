/**
 * The provider port ({@link dev.qalam.llm.provider.ChatProvider}, {@link dev.qalam.llm.provider.EmbeddingProvider})
 * and what every adapter shares: the provider-neutral request and answer, the HTTP client with its time
 * limits, the split of upstream failures into retriable and non-retriable ones, and the fault tolerance
 * policies. Adapters live in sub-packages, each with an {@code internal} package for its wire format.
 */
package dev.qalam.llm.provider;
