/** The LLM API's wire objects, named and spelled as OpenAI and the alAPI documentation spell them. */
package dev.qalam.llm.api;
