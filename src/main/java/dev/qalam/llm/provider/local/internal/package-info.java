/** Passage splitting, bilingual (Arabic and English) analysis and BM25 ranking for the extractive model. */
package dev.qalam.llm.provider.local.internal;
