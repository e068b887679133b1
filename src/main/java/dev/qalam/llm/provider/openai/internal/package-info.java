/** The OpenAI chat completions and embeddings wire format: request building, answer and chunk parsing, errors. */
package dev.qalam.llm.provider.openai.internal;
