/**
 * The LLM gateway: the OpenAI-compatible endpoints {@code /v1/chat/completions} (whole and streamed answers),
 * {@code /v1/embeddings} and {@code /v1/models}, and the model router the rest of Qalam calls from Java.
 *
 * <h2>Calling a model from Java: {@link dev.qalam.llm.ModelRouter}</h2>
 * The router resolves a catalogue model ({@link dev.qalam.llm.ModelCatalog}), picks its provider in the
 * {@link dev.qalam.llm.provider.ProviderRegistry}, calls it under the provider's fault tolerance policies, and for
 * chat falls back to the catalogue's fallback models when a provider fails before answering. It speaks domain
 * types only:
 * <ul>
 *   <li>{@code chat(ChatRequest)} returns a {@link dev.qalam.llm.provider.ChatResult} (choices with text and tool
 *       calls, token usage) and the model that served it;</li>
 *   <li>{@code openStream(ChatRequest)} returns once a provider accepted the request, with a
 *       {@link dev.qalam.llm.provider.ChatStream} to pump into a {@link dev.qalam.llm.provider.ChatStreamSink}
 *       (increments in order, usage at the end) and to cancel when the caller's own client leaves;</li>
 *   <li>{@code embed(model, texts)} returns {@code float[][]}, one vector per text, in order.</li>
 * </ul>
 * The request is the typed {@link dev.qalam.llm.provider.ChatRequest}, the only thing an adapter reads. The
 * Deployment API builds it from the client's messages and changes them before calling the router: its system
 * prompt and the retrieved passages as a system message, images as
 * {@link dev.qalam.llm.provider.ChatMessage.ContentPart#image(String)} parts of a user message for vision
 * models ({@code ChatRequest.withMessages}, {@code withTemperature}, {@code withMaxOutputTokens}); what it
 * changed is what every provider receives. Retrieval calls {@code router.embed(model, texts)} for chunks and
 * queries. Failures are {@link dev.qalam.platform.errors.ApiException}s made by {@link dev.qalam.llm.LlmErrors}
 * (404 unknown model, 400 wrong kind of model or input too long, 503 provider not configured, upstream
 * failures as described there), the same answers the OpenAI endpoints give.
 *
 * <h2>What stays outside the router</h2>
 * Budgets, the usage ledger ({@link dev.qalam.llm.UsageLedger}) and the OpenAI wire objects ({@code api/}) belong
 * to the OpenAI-facing services ({@link dev.qalam.llm.ChatService}, {@link dev.qalam.llm.EmbeddingsService}) and
 * to each feature that calls the router: such a caller resolves the route first ({@code chatRoute},
 * {@code embeddingRoute}), charges its budget, then calls with the route, so that a request for a model that
 * does not exist costs nothing. The router records each model's latency (shown by {@code /v1/models}).
 *
 * <p>The parameters a chat request forwards to providers, and how upstream errors reach clients, are listed
 * in {@code docs/llm.md}.
 */
package dev.qalam.llm;
