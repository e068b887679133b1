/**
 * The Google Gemini adapter on Gemini's native API ({@code models/{m}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, key in {@code x-goog-api-key}).
 */
package dev.qalam.llm.provider.gemini;
