/**
 * The adapter for every OpenAI-compatible upstream (OpenAI, Groq, deepcloud, vLLM, Ollama, llama.cpp):
 * chat, streamed chat (the upstream's Server-Sent Events read as they arrive), tool calls passed through,
 * and embeddings.
 */
package dev.qalam.llm.provider.openai;
