/**
 * The provider port ({@link dev.qalam.llm.provider.ChatProvider}, {@link dev.qalam.llm.provider.EmbeddingProvider})
 * and what every adapter shares: the typed, provider-neutral request and answer, the
 * {@link dev.qalam.llm.provider.ProviderRegistry} (provider id to adapters, settings prefix and fault tolerance
 * guard: the only place that chooses an adapter), the HTTP client with its time limits, the split of upstream
 * failures into retriable and non-retriable ones, and the fault tolerance policies. Adapters live in
 * sub-packages, each with an {@code internal} package for its wire format.
 */
package dev.qalam.llm.provider;
