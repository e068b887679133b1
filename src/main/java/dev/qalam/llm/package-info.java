/**
 * The OpenAI-compatible LLM gateway: {@code /v1/chat/completions} (whole and streamed answers),
 * {@code /v1/embeddings} and {@code /v1/models}, routed by the model catalogue to upstream providers or to
 * the in-process models, with per-model latency and per-key token usage. The official OpenAI SDKs work
 * against it by setting only their base URL and key.
 */
package dev.qalam.llm;
