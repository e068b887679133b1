/**
 * {@code local/extractive}: a chat "model" that is not a language model. It answers with the passages of
 * the conversation's own context (system messages, earlier messages, attached text parts) that best match
 * the last user message, quoted, and says plainly when none is relevant. Deterministic, offline, and
 * streamed like any other model, so every endpoint works without an upstream provider.
 */
package dev.qalam.llm.provider.local;
