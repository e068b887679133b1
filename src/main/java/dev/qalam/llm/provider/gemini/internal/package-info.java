/** Gemini's {@code generateContent} wire format and its translation to and from the OpenAI chat format. */
package dev.qalam.llm.provider.gemini.internal;
